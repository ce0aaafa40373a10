#!/usr/bin/env python3
"""The test company's directory as LDIF, for Debian's slapd: departments as organisational units
(with their code in `businessCategory`), people as inetOrgPerson entries under their department
(Chinese names, managers in `manager`), a service account for Tandem, and the password policy
that lets an administrator lock an account (`pwdAccountLockedTime`).

    directory.py [--people N --departments M]   prints LDIF; with counts, a generated company of that size
"""
import argparse
import base64

BASE = "dc=example,dc=com"
DEPARTMENTS = f"ou=departments,{BASE}"
SERVICE_DN = f"cn=tandem,ou=service,{BASE}"
SERVICE_PASSWORD = "tandem-service-password"
PASSWORD = "directory-password-1"

# (ou, code, parent ou or None)
UNITS = [("信息技术部", "IT", None), ("网络组", "NET", "信息技术部"), ("销售部", "SALES", None), ("华东销售", "SALES-E", "销售部"),
         ("人力资源部", "HR", None)]
# (uid, name, department, manager uid, locked)
PEOPLE = [("zhangsan", "张三", "信息技术部", None, False), ("lisi", "李四", "信息技术部", "zhangsan", False),
          ("wangwu", "王五", "网络组", "zhangsan", False), ("zhaoliu", "赵六", "销售部", None, False),
          ("lvbu", "吕布", "华东销售", "zhaoliu", False), ("sunqi", "孙七", "人力资源部", None, False),
          ("zhouba", "周八", "销售部", "zhaoliu", True)]


def line(name, value):
    """One attribute line; values that are not plain ASCII are written in base64 (RFC 2849)."""
    if value.isascii() and not value.startswith((" ", ":", "<")):
        return f"{name}: {value}"
    return f"{name}:: {base64.b64encode(value.encode()).decode()}"


def entry(dn, *pairs):
    return "\n".join([line("dn", dn)] + [line(name, value) for name, value in pairs]) + "\n"


def unit_dn(units, ou):
    path = []
    while ou is not None:
        path.append(f"ou={ou}")
        ou = units[ou][1]
    return ",".join(path + [DEPARTMENTS])


def company(units, people):
    """units: [(ou, code, parent)], people: [(uid, name, department, manager, locked)]"""
    by_ou = {ou: (code, parent) for ou, code, parent in units}
    where = {uid: department for uid, _, department, _, _ in people}
    blocks = [
        entry(BASE, ("objectClass", "dcObject"), ("objectClass", "organization"), ("dc", "example"), ("o", "示例集团")),
        entry(DEPARTMENTS, ("objectClass", "organizationalUnit"), ("ou", "departments")),
        entry(f"ou=service,{BASE}", ("objectClass", "organizationalUnit"), ("ou", "service")),
        entry(SERVICE_DN, ("objectClass", "organizationalRole"), ("objectClass", "simpleSecurityObject"), ("cn", "tandem"),
              ("userPassword", SERVICE_PASSWORD)),
        entry(f"ou=policies,{BASE}", ("objectClass", "organizationalUnit"), ("ou", "policies")),
        entry(f"cn=default,ou=policies,{BASE}", ("objectClass", "organizationalRole"), ("objectClass", "pwdPolicy"),
              ("cn", "default"), ("pwdAttribute", "userPassword"), ("pwdLockout", "TRUE")),
    ]
    for ou, code, _ in units:
        blocks.append(entry(unit_dn(by_ou, ou), ("objectClass", "organizationalUnit"), ("ou", ou), ("businessCategory", code)))
    for uid, name, department, manager, locked in people:
        pairs = [("objectClass", "inetOrgPerson"), ("uid", uid), ("cn", name), ("sn", name[0]), ("displayName", name),
                 ("mail", f"{uid}@example.com"), ("userPassword", PASSWORD)]
        if manager:
            pairs.append(("manager", f"uid={manager},{unit_dn(by_ou, where[manager])}"))
        if locked:
            pairs.append(("pwdAccountLockedTime", "000001010000Z"))
        blocks.append(entry(f"uid={uid},{unit_dn(by_ou, department)}", *pairs))
    return "\n".join(blocks)


def generated(people_count, department_count):
    surnames = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
    given = ["小明", "丽华", "建国", "静", "伟", "芳", "磊", "婷", "强", "敏", "洋", "艳", "勇", "军", "杰", "娟", "涛", "超", "明", "霞"]
    units = []
    for index in range(department_count):
        parent = None if index < 40 else f"部门{index % 40:03d}"
        units.append((f"部门{index:03d}", f"D{index:03d}", parent))
    people = []
    for index in range(people_count):
        department = units[index % department_count][0]
        manager = None if index < department_count else f"p{index % department_count:05d}"
        name = surnames[index % 20] + given[(index // 20) % 20]
        people.append((f"p{index:05d}", name, department, manager, False))
    return units, people


if __name__ == "__main__":
    arguments = argparse.ArgumentParser()
    arguments.add_argument("--people", type=int)
    arguments.add_argument("--departments", type=int, default=800)
    options = arguments.parse_args()
    if options.people:
        print(company(*generated(options.people, options.departments)))
    else:
        print(company(UNITS, PEOPLE))
