"""Hostile and malformed input: every endpoint answers a clear 4xx JSON error and changes nothing.

Most cases are driven by server.api.operation.REGISTRY, so a new endpoint is covered as soon
as it is registered (test_ground.py guards that assumption). What the one API decorator
checks (the device token, the Idempotency-Key, the JSON body, the method) is attacked in all
its ways on one representative endpoint, and every endpoint is shown to go through that
decorator and to refuse one case of each; what differs per endpoint (its fields, its path
values, the device kinds it serves) is attacked on every endpoint. The world these tests act
on (tests.helpers.build_world and orders in every state) is built once per session and
copied per test (conftest.py).
"""
