"""Shared by the exercise tests: every computed answer of a chapter must be checked.

``Coverage(module)`` computes ``module.answers()`` once; decorating a test with
``@cov("key", ...)`` records which answers that test checks against an independent
reference, and ``cov.missing()`` lists the answers that no test checks.
"""


class Coverage:
    def __init__(self, module):
        self.answers = module.answers()
        self.keys = set()

    def __call__(self, *keys):
        unknown = set(keys) - set(self.answers)
        if unknown:
            raise KeyError(f"no such answers: {sorted(unknown)}")
        self.keys.update(keys)
        return lambda test: test

    def missing(self):
        return sorted(set(self.answers) - self.keys)
