"""Values left behind by the architecture examples, checked against independent references."""

import numpy as np
import pytest
import torch
from _gallery import run_example
