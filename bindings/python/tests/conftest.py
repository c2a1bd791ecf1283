"""Where the tests find the package and the source tree: the package of
this tree unless CONDREQ_INSTALLED=1 (then the installed one); the tree
is CONDREQ_TREE, else the one this folder is in."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TREE = os.environ.get("CONDREQ_TREE") or os.path.join(HERE, "..", "..", "..")
if os.environ.get("CONDREQ_INSTALLED") != "1":
    sys.path.insert(0, os.path.join(HERE, ".."))
