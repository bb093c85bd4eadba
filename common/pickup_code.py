"""The pickup code as people read it off a receipt, a slip or a screen: ABCD-2345-X."""


def display_pickup_code(code: str) -> str:
    """Nine characters in groups of 4, 4 and 1; any other code as it is (an older one)."""
    return f"{code[:4]}-{code[4:8]}-{code[8:]}" if len(code) == 9 else code
