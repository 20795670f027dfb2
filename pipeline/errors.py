"""The one root exception: raised when the pipeline cannot continue at all."""
from __future__ import annotations


class PipelineError(Exception):
    """A condition that stops the run; its message is Vietnamese and says what to do."""
