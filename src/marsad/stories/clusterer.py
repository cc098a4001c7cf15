"""Incremental story clustering: each article joins the best matching active story or opens one.

A story is *active* for an article when its members' days lie within ``window_days`` of the article's
day. Candidates come from an inverted index term → {active story: centroid weight}, so one article
costs a few postings look-ups and a handful of full comparisons, never a pass over the archive.

The match score mixes (weights tuned on the development day, see docs/stories.md):
- cosine to the story centroid (the story's overall vocabulary),
- the best cosine to a single member (a breaking item matches the first full report of it),
- shared day-precise dates, and a bonus for specific people/bodies named by both sides on (nearly)
  the same day (``entities.py``) once the wording already overlaps, when the extraction stages filled them,
minus a small penalty per day between the article and the story's last member, and minus guards
against one template told about different subjects (headline figures, rare terms, places).

After an article joins, the story it grew is compared with its neighbours (``_heal``): stories whose
centroids have become as similar as an article must be to join are merged.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from operator import itemgetter

from marsad.stories import entities as ent
from marsad.stories.features import ArticleFeatures, places
from marsad.stories.model import Member, Story
from marsad.stories.prior import prior_df
from marsad.stories.vectors import DocumentFrequencies, dot, jaccard, tfidf


@dataclass
class Settings:
    window_days: int = 2
    threshold: float = 0.40  # minimum match score to join a story (tuned on dev day 2015-07-22)
    centroid_weight: float = 0.5
    member_weight: float = 0.5
    # Shared entity keys: 0 because on the dev day (archive mode, with the NER stage) every weight
    # tried (0.05, 0.10) cost precision — generic keys (LOC:السعودية) are shared by unrelated reports,
    # and the words of the names are already terms. Storylines do use entities (storylines.py).
    entity_weight: float = 0.0
    # Named-entity evidence (entities.py): an article (or story) that shares at least
    # ``entity_points`` specific entities (two people, or a person or body in the same place) with a story within
    # ``entity_days`` gains ``entity_bonus`` — but only when its text score is already
    # ``entity_min_text``: names alone never join two reports without shared wording.
    # Off by default: 0.25 joins the sample corpus's multi-outlet stories, but through the live archive
    # stage (entity keys as they stand when each batch is stored) 2015-08-06 fell 0.927 → 0.905.
    entity_bonus: float = 0.0
    entity_points: int = 2
    entity_days: int = 1
    entity_min_text: float = 0.15
    entity_idf: float = 4.0  # keys in more than ~5% of articles (idf < 4) are not specific…
    # …nor keys named by more than this many active stories (the candidate included): 2 cost 0.02 F1
    # on 2015-08-06 (the same federation, minister or NER slip shared by two distinct reports of one beat).
    entity_stories: int = 1
    entity_heal: bool = True  # the second pass counts the same evidence between two stories
    date_weight: float = 0.05
    day_penalty: float = 0.03
    number_bonus: float = 0.10  # the headline repeats a figure of the story's headlines
    number_penalty: float = 0.10  # both headlines give figures and none agree
    conflict_penalty: float = 0.05  # each side's headline names something rare the other never mentions
    # The headlines name different places, neither mentioned by the other side (data/places_ar.txt):
    # nearly a veto, and it also stops merges of two such stories.
    place_penalty: float = 0.5
    rare_idf: float = 3.5  # idf above which a headline term counts as a specific (5.0 let places through)
    merge_threshold: float = 0.40  # an article this close to two stories shows they are one…
    merge_centroids: float = 0.3  # …when their centroids are at least this similar too
    query_terms: int = 12  # article terms used to fetch candidates
    max_postings: int = 400  # skip candidate terms shared by more active stories than this
    max_candidates: int = 8  # stories scored in full
    member_sample: int = 25  # members compared one by one (the most recent ones)
    # A story that grew merges a neighbour whose centroid is as similar as an article must be to join
    # (0 turns the second pass off); heals one event split by outlets' different headlines.
    heal_threshold: float = 0.40
    heal_terms: int = 12  # centroid terms used to fetch the neighbours of a story that grew


class StoryClusterer:
    def __init__(self, settings: Settings | None = None, prior: dict[str, float] | None = None):
        self.settings = settings or Settings()
        self.dfs = DocumentFrequencies(prior_df() if prior is None else prior)
        self.stories: dict[int, Story] = {}
        self.article_story: dict[str, int] = {}
        self.by_hash: dict[str, int] = {}
        self.index: dict[str, dict[int, float]] = {}  # term → active story → centroid weight
        self.indexed_terms: dict[int, set[str]] = {}
        self.entity_index: dict[str, set[int]] = {}  # entity key → active stories naming it
        self.indexed_entities: dict[int, frozenset[str]] = {}
        self.next_id = 1
        self.max_day = 0
        self.touched: set[int] = set()  # stories changed since the last save
        self.merged: dict[int, int] = {}  # story folded into another → the one it went into

    # -- public ---------------------------------------------------------------------------------

    def add(self, f: ArticleFeatures) -> int:
        """Place one article; returns its story id. Adding an article already placed changes nothing."""
        if f.id in self.article_story:
            return self.article_story[f.id]
        self.dfs.add(list(f.tf) + list(f.entities))  # entity keys carry ':' and never meet a term
        member = Member(f.id, f.source, f.day, f.title, tfidf(f.tf, self.dfs), f.entities,
                        f.dates, f.text_hash, f.length, f.numbers, frozenset(f.tf), f.title_terms,
                        f.published)
        if f.day > self.max_day:
            self.max_day = f.day
            self._expire()
        elif f.day and f.day < self.max_day - self.settings.window_days - 1:
            self._reactivate_around(f.day)  # a late article: bring its days' stories back
        story_id, score = self._match(member)
        if story_id is None:
            story_id = self._open()
            score = 1.0
        member.score = round(score, 4)
        self._join(story_id, member)
        if self.settings.heal_threshold and self.stories[story_id].size > 1:
            story_id = self._heal(story_id)
        return story_id

    def remove(self, article_id: str, tf_terms=()) -> None:
        """Take an article out of its story (and its terms out of the document frequencies)."""
        sid = self.article_story.pop(article_id, None)
        if sid is None:
            return
        story = self.stories[sid]
        gone = [m for m in story.members if m.article_id == article_id]
        if tf_terms:  # entity keys leave with the terms (same document count)
            self.dfs.remove(list(tf_terms) + [k for m in gone for k in m.entities])
        story.members = [m for m in story.members if m.article_id != article_id]
        for h, s in list(self.by_hash.items()):
            if s == sid and not any(m.text_hash == h for m in story.members):
                del self.by_hash[h]
        self._unindex(sid)
        self.touched.add(sid)
        if not story.members:
            del self.stories[sid]
            return
        story.recompute()
        self._reindex(sid)

    def story_of(self, article_id: str) -> int | None:
        return self.article_story.get(article_id)

    # -- matching -------------------------------------------------------------------------------

    def _match(self, m: Member) -> tuple[int | None, float]:
        s = self.settings
        if m.text_hash and m.text_hash in self.by_hash:
            sid = self.by_hash[m.text_hash]
            if sid in self.stories:
                return sid, 1.0  # the very same text is the same story
        partial: dict[int, float] = {}
        for term, w in heapq.nlargest(s.query_terms, m.vector.items(), key=itemgetter(1)):
            postings = self.index.get(term)
            if not postings or len(postings) > s.max_postings:
                continue  # a term in that many active stories cannot pick one out
            for sid, cw in postings.items():
                partial[sid] = partial.get(sid, 0.0) + w * cw
        if not partial:
            return None, 0.0
        stories = self.stories
        ranked = heapq.nlargest(s.max_candidates, partial.items(),
                                key=lambda kv: kv[1] / (stories[kv[0]].centroid_norm or 1.0))
        scored = []
        for sid, _ in ranked:
            story = self.stories[sid]
            if self._in_window(story, m.day):
                scored.append((self._score(story, m), sid))
        if not scored:
            return None, 0.0
        scored.sort(reverse=True)
        best_score, best = scored[0]
        if best_score < s.threshold:
            return None, best_score
        for score, other in scored[1:]:
            if (score >= s.merge_threshold and self._similar(best, other)
                    and not self._differ(self.stories[best], self.stories[other])):
                self._merge(best, other)
        return best, best_score

    def _heal(self, sid: int) -> int:
        """Second pass: a story that just grew is compared with its neighbours in the window; one whose
        centroid has become this similar is the same event told with other words (outlets' different
        headlines of one meeting), and the two merge. Returns the id the article's story now has."""
        s = self.settings
        story = self.stories[sid]
        partial: dict[int, float] = {}
        for term, w in heapq.nlargest(s.heal_terms, story.centroid.items(), key=itemgetter(1)):
            postings = self.index.get(term)
            if not postings or len(postings) > s.max_postings:
                continue
            for other, cw in postings.items():
                if other != sid:
                    partial[other] = partial.get(other, 0.0) + w * cw
        ranked = heapq.nlargest(s.max_candidates, partial.items(),
                                key=lambda kv: kv[1] / (self.stories[kv[0]].centroid_norm or 1.0))
        for other, _ in ranked:
            if other not in self.stories or sid not in self.stories:
                continue
            o = self.stories[other]
            if not self._in_window(o, story.last_day) or self._stories_conflict(story, o):
                continue
            if self._centroid_cosine(story, o) + self._story_entity_bonus(story, o) >= s.heal_threshold:
                keep, gone = (sid, other) if story.size >= o.size else (other, sid)
                self._merge(keep, gone)
                sid, story = keep, self.stories[keep]
        return sid

    def _differ(self, a: Story, b: Story) -> bool:
        """Two stories a bridging article must not merge: their headlines give figures and none agree,
        or name different places."""
        if a.numbers and b.numbers and not set(a.numbers) & set(b.numbers):
            return True
        return bool(self.settings.place_penalty) and self._place_conflict(
            a.title_vocab, a.vocab, b.title_vocab, b.vocab)

    def _centroid_cosine(self, a: Story, b: Story) -> float:
        return dot(a.centroid, b.centroid) / ((a.centroid_norm * b.centroid_norm) or 1.0)

    def _stories_conflict(self, a: Story, b: Story) -> bool:
        """Both stories' headlines give figures and none agree, or each names a rare term the other
        never uses (the template guards of the article score, at story level)."""
        if self._differ(a, b):
            return True
        idf, rare = self.dfs.idf, self.settings.rare_idf

        def specifics(x: Story) -> list[str]:
            half = (x.size + 1) // 2
            return [t for t, c in x.title_vocab.items()
                    if c >= half and not t.isdigit() and idf(t) >= rare]

        return (any(t not in b.vocab for t in specifics(a))
                and any(t not in a.vocab for t in specifics(b)))

    def _similar(self, a: int, b: int) -> bool:
        sa, sb = self.stories[a], self.stories[b]
        cos = dot(sa.centroid, sb.centroid) / ((sa.centroid_norm * sb.centroid_norm) or 1.0)
        return cos >= self.settings.merge_centroids

    def _merge(self, keep: int, gone: int) -> None:
        """Fold story ``gone`` into ``keep`` (an article bridged two halves of one story)."""
        if gone not in self.stories or keep not in self.stories:
            return
        self._unindex(gone)
        self._unindex(keep)
        story, old = self.stories[keep], self.stories.pop(gone)
        for member in old.members:
            story.members.append(member)
            self.article_story[member.article_id] = keep
        for h, sid in self.by_hash.items():
            if sid == gone:
                self.by_hash[h] = keep
        story.members.sort(key=lambda mem: mem.day)
        story.recompute()
        self._reindex(keep)
        self.touched.update((keep, gone))
        self.merged[gone] = keep

    def _score(self, story: Story, m: Member) -> float:
        s = self.settings
        centroid = dot(m.vector, story.centroid) / (story.centroid_norm or 1.0)
        recent = story.members[-s.member_sample:]
        single = max((dot(m.vector, o.vector) for o in recent), default=0.0)
        score = s.centroid_weight * centroid + s.member_weight * single
        if m.entities and story.entities:
            score += s.entity_weight * jaccard(m.entities, frozenset(story.entities))
            score += self._entity_bonus(score, m.entities, story.entities,
                                        ent.day_gap(m.day, m.day, story.first_day, story.last_day))
        if m.dates and story.dates and m.dates & set(story.dates):
            score += s.date_weight
        if m.numbers and story.numbers:
            if m.numbers & set(story.numbers):
                score += s.number_bonus
            else:
                score -= s.number_penalty
        if self._conflict(story, m):
            score -= s.conflict_penalty
        if s.place_penalty and self._place_conflict(m.title_terms, m.terms, story.title_vocab, story.vocab):
            score -= s.place_penalty
        if m.day and story.last_day:
            gap = max(0, m.day - story.last_day, story.first_day - m.day)
            score -= s.day_penalty * gap
        return score

    def _entity_bonus(self, text_score: float, mine, theirs, gap: int | None) -> float:
        """Bonus for shared specific names on (nearly) the same day, given some shared wording."""
        s = self.settings
        if not s.entity_bonus or text_score < s.entity_min_text or gap is None or gap > s.entity_days:
            return 0.0
        points = ent.evidence(mine, theirs, self._specific)
        return s.entity_bonus if points >= s.entity_points else 0.0

    def _specific(self, key: str) -> bool:
        s = self.settings
        return len(self.entity_index.get(key, ())) <= s.entity_stories and self.dfs.idf(key) >= s.entity_idf

    def _story_entity_bonus(self, a: Story, b: Story) -> float:
        if not self.settings.entity_heal or not a.entities or not b.entities:
            return 0.0
        return self._entity_bonus(self._centroid_cosine(a, b), a.entities, b.entities,
                                  ent.day_gap(a.first_day, a.last_day, b.first_day, b.last_day))

    def _conflict(self, story: Story, m: Member) -> bool:
        """Same template, different subject: «يهنئ رئيس النيجر» vs «يهنئ حاكم جامايكا», «لجنة الطعون
        بالمدينة» vs «… بالأحساء». Each headline has a rare term the other side never uses at all."""
        idf, rare = self.dfs.idf, self.settings.rare_idf
        mine = [t for t in m.title_terms if not t.isdigit() and idf(t) >= rare]
        if not mine or all(t in story.vocab for t in mine):
            return False
        half = (story.size + 1) // 2
        theirs = [t for t, c in story.title_vocab.items()
                  if c >= half and not t.isdigit() and idf(t) >= rare]
        return any(t not in m.terms for t in theirs)

    @staticmethod
    def _place_conflict(title_a, terms_a, title_b, terms_b) -> bool:
        """Each side's headlines name a place (``data/places_ar.txt``) that the other side never
        mentions anywhere: the same template about two places — two cities' election committees, two
        countries' national days — is two events, however alike the rest of the wording."""
        known = places()
        mine = [t for t in title_a if t in known]
        if not mine or any(t in terms_b for t in mine):
            return False
        theirs = [t for t in title_b if t in known]
        return bool(theirs) and not any(t in terms_a for t in theirs)

    def _in_window(self, story: Story, day: int) -> bool:
        if not day or not story.last_day:
            return True
        w = self.settings.window_days
        return story.first_day - w <= day <= story.last_day + w

    # -- bookkeeping ----------------------------------------------------------------------------

    def _open(self) -> int:
        sid = self.next_id
        self.next_id += 1
        self.stories[sid] = Story(id=sid)
        return sid

    def _join(self, sid: int, m: Member) -> None:
        story = self.stories[sid]
        self._unindex(sid)
        story.add(m)
        self._reindex(sid)
        self.article_story[m.article_id] = sid
        if m.text_hash:
            self.by_hash.setdefault(m.text_hash, sid)
        self.touched.add(sid)

    def _reindex(self, sid: int) -> None:
        story = self.stories[sid]
        terms = set(story.centroid)
        for t in terms:
            self.index.setdefault(t, {})[sid] = story.centroid[t]
        self.indexed_terms[sid] = terms
        self.indexed_entities[sid] = frozenset(story.entities)
        for k in story.entities:
            self.entity_index.setdefault(k, set()).add(sid)

    def _unindex(self, sid: int) -> None:
        for k in self.indexed_entities.pop(sid, ()):
            stories = self.entity_index.get(k)
            if stories is not None:
                stories.discard(sid)
                if not stories:
                    del self.entity_index[k]
        for t in self.indexed_terms.pop(sid, ()):
            postings = self.index.get(t)
            if postings is not None:
                postings.pop(sid, None)
                if not postings:
                    del self.index[t]

    def _expire(self) -> None:
        """Drop stories that ended before the window from the index (they stay stories)."""
        horizon = self.max_day - self.settings.window_days - 1
        for sid in [sid for sid in self.indexed_terms if 0 < self.stories[sid].last_day < horizon]:
            self._unindex(sid)

    def _reactivate_around(self, day: int) -> None:
        w = self.settings.window_days
        for sid, story in self.stories.items():
            if sid not in self.indexed_terms and story.first_day - w <= day <= story.last_day + w:
                self._reindex(sid)

    def reactivate(self, sid: int) -> None:
        """Put a stored story back into the index (loading state, or an out-of-order article)."""
        if sid in self.stories and sid not in self.indexed_terms:
            self._reindex(sid)
