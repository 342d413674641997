"""The attacker of the threat model (docs/architecture.md §2 befragung): after the survey, they
read every table with its system columns (`xmin`, `ctid`) and try to pair access codes and
invited Personen with Rückmeldungen. Plain SQL over whatever columns exist, so the same attack
runs against the code before issue 15 (where an invitation still names its Zugangscode).

`attack()` returns, per strategy, a guess {person_id: rueckmeldung_id}; the test scores it
against the truth it knows."""

from django.db import connection


def _rows(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        names = [c.name for c in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _columns(table):
    with connection.cursor() as cursor:
        return {c.name for c in connection.introspection.get_table_description(cursor, table)}


def _ctid_key(ctid):
    page, item = str(ctid).strip("()").split(",")
    return int(page), int(item)


def snapshot():
    """Everything the attack reads: codes, invitations and answers with xmin and ctid."""
    codes = _rows(
        "SELECT id, code_hash, benutzt, xmin::text::bigint AS xmin, ctid::text AS ctid "
        "FROM befragung_zugangscode"
    )
    invitation_columns = _columns("befragung_befragungseinladung")
    extra = ", zugangscode_id" if "zugangscode_id" in invitation_columns else ""
    extra += ", teilgenommen" if "teilgenommen" in invitation_columns else ""
    select = "SELECT id, person_id, xmin::text::bigint AS xmin, ctid::text AS ctid"
    # `extra` holds only the fixed column names above.
    invitations = _rows(select + extra + " FROM befragung_befragungseinladung")  # noqa: S608
    answers = _rows(
        "SELECT id, eingereicht_am, xmin::text::bigint AS xmin, ctid::text AS ctid "
        "FROM befragung_rueckmeldung"
    )
    return {"codes": codes, "invitations": invitations, "answers": answers}


def _redemptions(data):
    """Per invited Person the transaction that spent their code, as far as the tables tell."""
    codes = {c["id"]: c for c in data["codes"]}
    used = {}
    for inv in data["invitations"]:
        code = codes.get(inv.get("zugangscode_id"))
        if code is not None and code["benutzt"]:
            used[inv["person_id"]] = code["xmin"]  # before issue 15: the stored link
        elif inv.get("teilgenommen"):
            used[inv["person_id"]] = inv["xmin"]  # after: the flag's own UPDATE
    return used


def attack(data=None):
    """{strategy: {person_id: rueckmeldung_id}} – the attacker's best guesses."""
    data = data or snapshot()
    used = _redemptions(data)
    answers = data["answers"]
    by_xmin = {}
    for a in answers:
        by_xmin.setdefault(a["xmin"], []).append(a["id"])
    guesses = {}
    # 1. Same transaction: the code and the answers share an xmin.
    guesses["xmin_equal"] = {
        person: by_xmin[xmin][0] for person, xmin in used.items() if len(by_xmin.get(xmin, [])) == 1
    }
    # 2. Order: the n-th code spent is the n-th answer written (by xmin, then ctid).
    people = sorted(used, key=lambda p: used[p])
    for name, key in {
        "xmin_then_ctid_order": lambda a: (a["xmin"], _ctid_key(a["ctid"])),
        "ctid_order": lambda a: _ctid_key(a["ctid"]),
        "date_then_ctid_order": lambda a: (a["eingereicht_am"], _ctid_key(a["ctid"])),
    }.items():
        ordered = sorted(answers, key=key)
        guesses[name] = {p: a["id"] for p, a in zip(people, ordered, strict=False)}
    return guesses


def score(guesses, truth):
    """{strategy: number of correct pairs}; `truth` is {person_id: rueckmeldung_id}."""
    return {
        name: sum(1 for person, rid in guess.items() if truth.get(person) == rid)
        for name, guess in guesses.items()
    }
