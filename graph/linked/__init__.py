"""Linked-data faces of the graph: entity documents (HTML, Turtle, JSON-LD, N-Triples), the static
site ``kg publish`` writes, the VoID description, Wikidata links and citations."""
