"""One copy of each closed vocabulary: the ontology's SKOS schemes (graph._schemes). The shapes'
sh:in lists, kg add's sheet keys and synth's word lists agree with it."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from graph import _schemes
from graph._paths import shapes_file
from graph._vocab import KG

SH = "http://www.w3.org/ns/shacl#"
RDF_FIRST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first"
RDF_REST = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest"


def sh_in_lists() -> list[list[str]]:
    """Every sh:in list of the shapes, as the local names of its members."""
    store = ox.Store()
    store.load(path=shapes_file(), format=ox.RdfFormat.TURTLE)
    lists = []
    for quad in store.quads_for_pattern(None, ox.NamedNode(SH + "in"), None):
        members, node = [], quad.object
        while node != ox.NamedNode(RDF_FIRST.replace("first", "nil")):
            members.append(next(store.quads_for_pattern(node, ox.NamedNode(RDF_FIRST), None)).object.value)
            node = next(store.quads_for_pattern(node, ox.NamedNode(RDF_REST), None)).object
        lists.append([m.removeprefix(KG) for m in members])
    return lists


def test_every_sh_in_list_of_concepts_is_a_whole_scheme_of_the_ontology() -> None:
    schemes = {frozenset(members): name for name, members in _schemes.schemes().items()}
    concepts = {c for members in _schemes.schemes().values() for c in members}
    checked = set()
    for members in sh_in_lists():
        if set(members) & concepts:
            assert frozenset(members) in schemes, f"sh:in ( {' '.join(members)} ) is not a whole scheme"
            checked.add(schemes[frozenset(members)])
    assert {"ChangeTypes", "RoleTypes", "AgreementTypes", "Exclusivities", "Ranks", "Bases"} <= checked


def test_kg_add_reads_its_sheet_keys_from_the_ontology() -> None:
    from graph.authoring._announce import CHANGES, TYPES
    from graph.authoring._context import EXCLUSIVITY
    from graph.authoring._roles import ROLES

    assert CHANGES["continued"] == "Continued"  # in the ontology and the shapes; kg add took it late
    assert list(CHANGES.values()) == _schemes.concepts("ChangeTypes")
    assert list(ROLES.values()) == _schemes.concepts("RoleTypes")
    assert list(TYPES.values()) == _schemes.concepts("AgreementTypes")
    assert list(EXCLUSIVITY.values()) == _schemes.concepts("Exclusivities")


def test_synth_words_cover_the_ontology_s_concepts() -> None:
    from graph.synth import _lines

    assert set(_lines._ROLE_VERBS) == set(_schemes.concepts("RoleTypes")) == set(_lines._ROLE_TYPES)
    assert set(_lines._AGREEMENT_TYPES) <= set(_lines._TYPE_WORDS) <= set(_schemes.concepts("AgreementTypes"))


def test_an_unknown_scheme_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        _schemes.concepts("NoSuchScheme")
