"""Helpers of the API tests: every response is checked against the schema the API publishes."""

import pytest
from jsonschema import Draft202012Validator


@pytest.fixture
def openapi(client, db):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def api_get(client, openapi):
    """GET an API path; asserts the status and that the body matches the schema the published
    openapi.json declares for that operation and status. Returns the parsed body."""

    def get(path, *, status=200, operation=None, **params):
        response = client.get(path, params)
        assert response.status_code == status, response.content
        assert response["Content-Type"].startswith("application/json")
        body = response.json()
        template = operation or _template_for(path, openapi)
        declared = openapi["paths"][template]["get"]["responses"][str(status)]["content"]["application/json"]
        schema = {**declared["schema"], "components": openapi["components"]}
        Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(body)
        return body

    return get


def _template_for(path, openapi):
    path = path.split("?")[0]
    for template in openapi["paths"]:
        head, _, _ = template.partition("{")
        if template == path or ("{" in template and path.startswith(head) and "/" not in path[len(head):]):
            return template
    raise AssertionError(f"{path} is not in openapi.json")
