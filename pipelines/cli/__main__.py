"""`python -m pipelines.cli …` is `xxgk …`."""

import sys

from pipelines.cli import main

sys.exit(main())
