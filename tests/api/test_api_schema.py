"""The API publishes an OpenAPI 3 schema and browsable docs served from our own static files."""

import re

from jsonschema import Draft202012Validator


def test_openapi_json_describes_both_read_operations(openapi):
    assert openapi["openapi"].startswith("3.")
    assert set(openapi["paths"]) == {"/api/v1/articles", "/api/v1/articles/{slug}"}
    for operations in openapi["paths"].values():
        assert set(operations) == {"get"}, "the API is read-only"
        assert {"200", "400", "404"} <= set(operations["get"]["responses"])
    detail = openapi["components"]["schemas"]["ArticleDetail"]["properties"]
    dates = openapi["components"]["schemas"]["DatesOut"]["properties"]
    assert {"title", "key_answer_html", "body_html", "references", "review", "dates"} <= set(detail)
    assert set(dates) == {"last_updated", "last_reviewed", "next_review_due", "literature_reviewed_through"}


def test_every_component_schema_is_valid_json_schema(openapi):
    for schema in openapi["components"]["schemas"].values():
        Draft202012Validator.check_schema(schema)


def test_docs_page_loads_its_scripts_from_our_own_static_files(client, db):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(s.endswith("swagger-ui-bundle.js") for s in sources)
    assert all(s.startswith("/static/") for s in sources), sources
    assert '"validatorUrl": null' in html


def test_the_api_refuses_to_write(client, db):
    assert client.post("/api/v1/articles", {}).status_code == 405
