import sys
from pathlib import Path

# the helpers of tests/warehouse (a raw folder from the shared corpus, a build with gold labels)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "warehouse"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
