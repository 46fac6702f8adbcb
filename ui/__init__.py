"""Shared page and form helpers that no domain app owns: Designsystemet forms and widgets, the start-page panel
protocol, small query and URL helpers. `ui` imports no app of Laget (tests/test_architecture.py checks), so
every app may import it."""
