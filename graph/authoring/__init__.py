"""Adding to the graph: register a source text, anchor a quote in it, add an announcement's sheet.

Each command writes Turtle into the user's data folder (``--data DIR``), all at once or not at
all, after checking the result loads and conforms to the SHACL shapes.
"""
