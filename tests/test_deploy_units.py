"""The systemd units in deploy/ start commands that exist, with options the CLI accepts, and
the example environment holds every secret production insists on."""

import configparser
import shlex
import warnings
from pathlib import Path

import click
import pytest

from server.cli import main
from server.config import DEMO_SECRETS, ConfigError, check_config

UNITS = Path(__file__).resolve().parent.parent / "deploy" / "systemd"
CLI = "/opt/cybermarket/.venv/bin/cybermarket"


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(path)
    return parser


def _cli_lines() -> list[tuple[str, list[str]]]:
    found = []
    for path in sorted(UNITS.glob("*.service")):
        service = _unit(path)["Service"]
        for key in ("ExecStartPre", "ExecStart"):
            words = shlex.split(service.get(key, "").replace("\\\n", " "))
            if words and words[0] == CLI:
                found.append((path.name, words[1:]))
    return found


def _resolve(command: click.Command, args: list[str], name: str = "cybermarket") -> click.Command:
    """Parse args the way the CLI would, down to the leaf command; raises on a bad option."""
    context = command.make_context(name, list(args))
    if isinstance(command, click.Group):
        with warnings.catch_warnings():  # click 8.2 still keeps the subcommand here
            warnings.simplefilter("ignore", DeprecationWarning)
            rest = [*context.protected_args, *context.args]
        sub_name, sub, sub_args = command.resolve_command(context, rest)
        assert sub is not None and sub_name is not None
        return _resolve(sub, sub_args, sub_name)
    return command


def test_every_unit_runs_a_real_command_with_accepted_options():
    lines = _cli_lines()
    assert {unit for unit, _args in lines} >= {
        "cybermarket-server.service",
        "cybermarket-worker@.service",
        "cybermarket-terminal.service",
        "cybermarket-pickup.service",
    }
    for unit, args in lines:
        words = [w for w in args[: next((i for i, w in enumerate(args) if w[0] == "-"), None)]]
        assert _resolve(main, args).name == words[-1], unit  # "db upgrade" runs "upgrade"


def test_every_long_running_part_restarts_when_it_dies():
    for path in UNITS.glob("*.service"):
        assert _unit(path)["Service"].get("Restart") == "always", path.name


@pytest.mark.parametrize("option", ["--wrokers"])
def test_the_unit_check_would_catch_a_misspelt_option(option):
    with pytest.raises(click.UsageError):
        _resolve(main, ["serve", option, "4"])


def test_the_example_environment_names_every_secret_and_passes_the_production_check():
    example = {}
    for line in (UNITS / "cybermarket.env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _sep, value = line.partition("=")
            example[key] = value
    assert "DATABASE_URL" in example
    config = {"DEMO": False, "PAYMENT_PROVIDER": example["CYBERMARKET_PAYMENT_PROVIDER"]}
    for name in DEMO_SECRETS:
        assert f"CYBERMARKET_{name}" in example
        config[name] = example[f"CYBERMARKET_{name}"]
    check_config(config)  # placeholders are not the demo's values
    config["SECRET_KEY"] = DEMO_SECRETS["SECRET_KEY"]
    with pytest.raises(ConfigError):
        check_config(config)
