def articles_for_result(*, care_level: str, red_flags: list[str], mode: str) -> list:
    # Filled in by the Learn articles (issue 4); until then a result links none.
    return []
