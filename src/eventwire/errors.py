"""Errors that name the input and the reason in one line."""


class EventwireError(Exception):
    """Base class of errors shown to users as one line."""


class InputError(EventwireError):
    """A bad input file (or line): the batch goes on without it."""

    def __init__(self, path, reason, line=None):
        self.path, self.reason, self.line = str(path), reason, line
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(one_line(f"{where}: {reason}"))


def one_line(message: str) -> str:
    """An error is one line, whatever the input put in ids or paths (newlines, tabs,
    other control characters are shown escaped)."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in message)


class DataFileError(EventwireError):
    """A bad entry in a dictionary/codebook data file; names file and line."""

    def __init__(self, path, line, reason):
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{path}:{line}: {reason}")
