from models.wording import plural


def test_plural() -> None:
    assert plural(1, "source") == "1 source"
    assert plural(0, "source") == "0 sources"
    assert plural(2, "party") == "2 parties"
    assert plural(5, "alias") == "5 aliases"
    assert plural(1204, "event") == "1,204 events"
