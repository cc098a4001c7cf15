"""One exception root for marsad; every message says what to do about the problem."""


class MarsadError(Exception):
    """Root of every error marsad raises on purpose."""


class ConfigError(MarsadError):
    """A configuration or usage error: bad option, missing dependency, bad path."""


class ArchiveError(MarsadError):
    """The archive cannot be opened, migrated or written."""


class NotFound(MarsadError):
    """An article, source, entity or story that does not exist."""


class GoldFormatError(MarsadError):
    """An evaluation gold file is unreadable or malformed (names the file and line)."""


class InputError(MarsadError):
    """A single input record that cannot be read. Carries where it came from.

    Ingest records these as rejections (counted, listed) instead of stopping the run.
    """

    def __init__(self, origin: str, reason: str, record: str | None = None):
        self.origin = origin
        self.record = record
        self.reason = reason
        where = f"{origin}:{record}" if record else origin
        super().__init__(f"{where}: {reason}")


class ArchiveBusy(ArchiveError):
    """Another process is writing to the archive (``marsad ingest`` holds its write lock)."""
