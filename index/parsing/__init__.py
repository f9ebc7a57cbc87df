"""Parsing: source files → cleaned lines → paragraphs → the clause tree."""
