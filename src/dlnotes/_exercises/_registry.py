"""The registry that collects a chapter's answer functions into one ``answers()``."""


class AnswerRegistry:
    """Collect the answer functions of one chapter; each returns {glue name: value}."""

    def __init__(self):
        self._functions = []

    def __call__(self, function):
        self._functions.append(function)
        return function

    def compute(self):
        """All answers of the chapter as one dict (glue name -> int, float or str)."""
        out = {}
        for function in self._functions:
            for key, value in function().items():
                if key in out:
                    raise RuntimeError(f"answer {key!r} is computed twice ({function.__name__})")
                if hasattr(value, "item") and getattr(value, "ndim", 1) == 0:
                    value = value.item()  # numpy scalar -> Python number
                if not isinstance(value, (int, float, str)):
                    raise TypeError(f"answer {key!r} must be an int, float or str, got {type(value).__name__}")
                out[key] = value
        return out
