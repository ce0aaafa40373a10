"""The claims the test provider gives: a person's name, login and e-mail, and their department's
code (the name of their first group) in a `department` claim."""


def userinfo(claims, user):
    claims["name"] = user.first_name or user.username
    claims["preferred_username"] = user.username
    claims["email"] = user.email
    return claims


def add_department(id_token, user, **kwargs):
    group = user.groups.first()
    if group is not None:
        id_token["department"] = group.name
    return id_token
