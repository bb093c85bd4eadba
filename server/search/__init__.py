"""Search that understands shoppers: query understanding, the full-text index and ranking."""
