"""``kg diff OLD NEW``: what an update changed in the headline answers (graph.diff._compare),
between two data folders or two git revisions of ``data/`` (graph.diff._inputs), as a table,
JSON or an Atom feed (graph.diff._feed)."""
