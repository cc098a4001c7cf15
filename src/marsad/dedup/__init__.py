"""Near-duplicates, wire copy and republication (see docs/dedup.md).

- :mod:`.shingles` — Arabic-aware word-trigram shingles, sentences and winnowed marks of a text;
- :mod:`.minhash` — MinHash signatures (datasketch) and LSH band keys;
- :mod:`.match` — verifying a candidate pair sentence by sentence, and a copy's edits;
- :mod:`.groups` — duplicate groups, first publisher, which pairs are copies;
- :mod:`.index` — candidate search and :class:`~.index.MemoryIndex` (the algorithm in memory);
- :mod:`.state`, :mod:`.near` — the same over the archive's tables: the ``dedup`` archive stage;
- :mod:`.queries` — groups, copies and the republication view read from an archive.
"""
