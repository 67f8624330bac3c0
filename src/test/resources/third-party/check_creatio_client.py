"""Drives the unchanged third-party client creatio-api-py through its ordinary operations against a
Creatio-like server: login, create, read, filter, find a contact through ContactCommunication,
update, delete. Any unexpected answer raises, so the process exits non-zero.

Casegate's ThirdPartyCreatioClientIT runs it against the sandbox CRM. Settings come from the
environment: CREATIO_URL (the application root, e.g. http://127.0.0.1:8080/ctx/sandbox),
CREATIO_USER, CREATIO_PASSWORD, INN_COLUMN (the custom tax-id column on Account), RUN_TAG (makes the
records of one run unique). It prints one JSON object with what it saw, for the test to check.
"""

import json
import os
import sys

from creatio_api_py import CreatioODataAPI

MOBILE_PHONE = "d4a2dc80-30ca-df11-9b2a-001d60e938c6"
EMAIL = "ee1c85c3-cfcb-df11-9b2a-001d60e938c6"


def expect(response, status, what):
    if response.status_code != status:
        raise AssertionError(
            f"{what}: expected HTTP {status}, got {response.status_code}: {response.text[:500]}"
        )
    return response


def reversed_digits(phone):
    return "".join(c for c in phone if c.isdigit())[::-1]


def main():
    url = os.environ["CREATIO_URL"]
    tag = os.environ["RUN_TAG"]
    inn_column = os.environ["INN_COLUMN"]
    seen = {}

    api = CreatioODataAPI(base_url=url)
    login = api.authenticate(os.environ["CREATIO_USER"], os.environ["CREATIO_PASSWORD"])
    expect(login, 200, "login")
    if login.json().get("Code") != 0:
        raise AssertionError(f"login refused: {login.text}")

    email = f"Visitor.{tag}@Example.ru"
    created = expect(
        api.add_collection_data(
            "Contact",
            data={"Name": f"Щукин Пётр {tag}", "Email": email, "MobilePhone": "+7 916 555-44-33"},
        ),
        201,
        "create contact",
    ).json()
    contact_id = created["Id"]
    seen["contactId"] = contact_id

    read = expect(api.get_collection_data("Contact", record_id=contact_id), 200, "read contact").json()
    if read["Email"] != email or read["GivenName"] != "Пётр":
        raise AssertionError(f"read back another contact: {read}")

    filtered = expect(
        api.get_collection_data(
            "Contact", params={"$filter": f"Name eq 'Щукин Пётр {tag}'", "$select": "Id,Name"}
        ),
        200,
        "filter contacts",
    ).json()["value"]
    seen["filteredIds"] = [row["Id"] for row in filtered]

    # A returning visitor who types the phone another way: found by the digits, as Creatio's
    # SearchNumber holds them (reversed), through ContactCommunication.
    typed_again = "8 (916) 555 44 33"
    by_phone = expect(
        api.get_collection_data(
            "ContactCommunication",
            params={
                "$filter": f"CommunicationType/Id eq {MOBILE_PHONE}"
                f" and startswith(SearchNumber,'{reversed_digits(typed_again)[:10]}')",
                "$select": "ContactId,Number",
            },
        ),
        200,
        "find by phone",
    ).json()["value"]
    seen["byPhone"] = [row["ContactId"] for row in by_phone]

    by_email = expect(
        api.get_collection_data(
            "ContactCommunication",
            params={"$filter": f"CommunicationType/Id eq {EMAIL} and Number eq '{email}'"},
        ),
        200,
        "find by e-mail",
    ).json()["value"]
    seen["byEmail"] = [row["ContactId"] for row in by_email]

    expect(
        api.modify_collection_data("Contact", record_id=contact_id, data={"JobTitle": "Кассир"}),
        204,
        "update contact",
    )
    seen["jobTitle"] = expect(
        api.get_collection_data("Contact", record_id=contact_id), 200, "read updated contact"
    ).json()["JobTitle"]

    account = expect(
        api.add_collection_data("Account", data={"Name": f"ООО Тест {tag}", inn_column: "7707083893"}),
        201,
        "create account with the custom INN column",
    ).json()
    seen["inn"] = account[inn_column]
    expect(api.delete_collection_data("Account", account["Id"]), 204, "delete account")

    expect(api.delete_collection_data("Contact", contact_id), 204, "delete contact")
    expect(api.get_collection_data("Contact", record_id=contact_id), 404, "read deleted contact")
    seen["rowsAfterDelete"] = len(
        expect(
            api.get_collection_data(
                "ContactCommunication", params={"$filter": f"Contact/Id eq {contact_id}"}
            ),
            200,
            "communications after delete",
        ).json()["value"]
    )
    seen["apiCalls"] = api.api_calls
    print(json.dumps(seen, ensure_ascii=False))


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # the test shows this text
        print(f"FAILED: {error.__class__.__name__}: {error}", file=sys.stderr)
        sys.exit(1)
