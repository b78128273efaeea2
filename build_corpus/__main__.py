import sys

from build_corpus.cli import main

sys.exit(main())
