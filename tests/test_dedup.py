"""Near-duplicate detection on invented Arabic texts: shingling, MinHash, verification, groups."""

import re

from marsad.dedup.groups import ROLE_EMBEDS, ROLE_FIRST, Link, Member, build_groups, copy_pairs, first_key
from marsad.dedup.index import MemoryIndex
from marsad.dedup.match import COPY, EMBEDDED, compare, edits
from marsad.dedup.minhash import estimate_jaccard, signature
from marsad.dedup.shingles import fingerprint, text_shingles, text_words
from tests.test_dedup_texts import COPY_NEW_LEAD, EMBEDDED as EMBEDDED_TEXT, SAME_EVENT, UNRELATED, UNRELATED_2, WIRE


def _sig(text):
    return signature(frozenset(text_shingles(text)))


def test_words_keep_arabic_whole_and_normalised():
    ws = text_words("أعلنت الحكومة «المسئولة» عن المحطة الجديدة")
    assert ws == ["اعلنت", "الحكومه", "المسءوله", "عن", "المحطه", "الجديده"]


def test_unrelated_arabic_texts_do_not_look_alike():
    # The failure this guards against: a tokenizer that does not know Arabic letters (here [a-z0-9]+)
    # leaves every Arabic text with the same (empty or digits-only) shingles, so all pairs look alike.
    latin_only = [frozenset(re.findall(r"[a-z0-9]+", t)) for t in (UNRELATED, UNRELATED_2)]
    assert latin_only[0] == latin_only[1]
    assert estimate_jaccard(_sig(UNRELATED), _sig(UNRELATED_2)) < 0.1
    assert estimate_jaccard(_sig(WIRE), _sig(UNRELATED)) < 0.1
    assert len(text_words(UNRELATED)) > 40


def test_minhash_estimates_high_similarity_of_copies():
    assert estimate_jaccard(_sig(WIRE), _sig(COPY_NEW_LEAD)) > 0.6
    assert estimate_jaccard(_sig(WIRE), _sig(WIRE)) == 1.0


def test_copy_with_new_lead_is_a_copy():
    m = compare(fingerprint(WIRE), fingerprint(COPY_NEW_LEAD))
    assert m.kind == COPY
    assert m.kept_share > 0.8


def test_embedded_wire_text_is_found_by_containment():
    m = compare(fingerprint(WIRE), fingerprint(EMBEDDED_TEXT))
    assert m.jaccard < 0.6  # a plain Jaccard threshold would miss it
    assert m.kind == EMBEDDED


def test_independent_write_up_of_the_same_event_is_not_a_copy():
    m = compare(fingerprint(WIRE), fingerprint(SAME_EVENT))
    assert m.kind is None
    assert compare(fingerprint(WIRE), fingerprint(UNRELATED)).kind is None


def test_edits_of_a_copy():
    e = edits(fingerprint(WIRE), fingerprint(COPY_NEW_LEAD))
    assert e.lines_added == 1  # the new lead
    assert e.lines_removed == 1  # the dropped last paragraph
    assert 0.7 < e.kept_share < 1.0


def _index(items):
    idx = MemoryIndex()
    for member, text in items:
        idx.add(member, text)
    return idx


def test_memory_index_groups_copies_and_embeddings_only():
    idx = _index([
        (Member("wire", "spa", "2015-07-22T09:00:00", "spa"), WIRE),
        (Member("copy", "okaz", "2015-07-22T11:00:00"), COPY_NEW_LEAD),
        (Member("feature", "alyaum", "2015-07-23T08:00:00"), EMBEDDED_TEXT),
        (Member("own", "aawsat", "2015-07-22T12:00:00"), SAME_EVENT),
        (Member("sport", "sabq", "2015-07-22T12:00:00"), UNRELATED),
    ])
    groups = idx.groups()
    assert len(groups) == 1
    g = groups[0]
    assert g.first == "wire" and g.first_publisher == "spa" and g.agency == "spa"
    assert g.roles == {"wire": ROLE_FIRST, "copy": "copy", "feature": ROLE_EMBEDS}
    pairs = copy_pairs(groups)
    assert frozenset(("wire", "copy")) in pairs and frozenset(("wire", "feature")) in pairs
    assert not any("own" in p or "sport" in p for p in pairs)


def test_memory_index_is_idempotent():
    idx = _index([(Member("a", "x", "2015-01-01"), WIRE), (Member("b", "y", "2015-01-02"), COPY_NEW_LEAD)])
    before = dict(idx.links)
    assert idx.add(Member("b", "y", "2015-01-02"), COPY_NEW_LEAD) == []
    assert idx.links == before


def test_first_publisher_tie_goes_to_the_agency():
    same_time = "2015-07-22T10:00:00"
    members = {
        "paper": Member("paper", "okaz", same_time, "spa"),
        "agency": Member("agency", "spa", same_time, None),
        "later": Member("later", "sabq", "2015-07-21T10:00:00"),
    }
    g = build_groups(members, [Link("paper", "agency", "copy")], agencies=frozenset({"spa"}))[0]
    assert g.first == "agency"
    # Without the agency's own article, the paper that credits an agency beats one that does not.
    members["other"] = Member("other", "alyaum", same_time, None)
    g = build_groups({k: members[k] for k in ("paper", "other")}, [Link("paper", "other", "copy")])[0]
    assert g.first == "paper"
    assert first_key(members["later"]) < first_key(members["paper"])  # earlier always wins


def test_two_round_ups_quoting_one_report_are_not_copies_of_each_other():
    members = {k: Member(k, k, f"2015-07-2{i}") for i, k in enumerate(("wire", "roundup1", "roundup2"))}
    links = [Link("wire", "roundup1", "embedded", "roundup1"), Link("wire", "roundup2", "embedded", "roundup2")]
    pairs = copy_pairs(build_groups(members, links))
    assert frozenset(("wire", "roundup1")) in pairs and frozenset(("wire", "roundup2")) in pairs
    assert frozenset(("roundup1", "roundup2")) not in pairs
