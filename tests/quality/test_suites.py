from pipelines import spec
from pipelines.quality.suites import SUITES, SUITES_DIR, build_suites, load_suites, suite_json


def test_committed_suites_are_the_generated_ones():
    built = build_suites()
    for name in SUITES:
        committed = (SUITES_DIR / f"{name}.json").read_text(encoding="utf-8")
        assert committed == suite_json(built[name]), f"run `python -m pipelines.quality.suites` ({name})"


def test_suites_cover_rules_1_to_6_and_structure():
    covered = {e["meta"]["rule"] for s in load_suites().values() for e in s["expectations"]}
    assert covered == {*spec.RULE_TEXT, "structure"}


def test_suites_load_as_gx_suites():
    import great_expectations as gx

    for name, data in load_suites().items():
        suite = gx.ExpectationSuite(**data)
        assert suite.name == name
        assert len(suite.expectations) == len(data["expectations"])
