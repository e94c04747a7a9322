#!/usr/bin/env python3
"""Makes the HTTP calls the Python `pbclient` library makes, with `requests` only, against a Gantry.

Usage: pybossa_calls.py ENDPOINT OWNER_API_KEY
Transport as pbclient's _pybossa_req: api_key as a query parameter on every call; POST/PUT/DELETE with
content-type application/json and a JSON body (DELETE sends "null"); a 2xx answer is parsed JSON (or
True when empty), anything else is the error object. Exits 1 with a message at the first surprise.
"""
import json
import sys

import requests

ENDPOINT, API_KEY = sys.argv[1], sys.argv[2]


def req(method, domain, id=None, payload=None, params=None):
    url = f"{ENDPOINT}/api/{domain}" + (f"/{id}" if id is not None else "")
    params = dict(params or {})
    params["api_key"] = API_KEY
    headers = {"content-type": "application/json"}
    if method == "get":
        r = requests.get(url, params=params)
    else:
        r = getattr(requests, method)(url, params=params, headers=headers, data=json.dumps(payload))
    if 200 <= r.status_code < 300:
        return r.json() if r.text not in ("", '""') else True
    return r.json()


def check(condition, message):
    if not condition:
        print(f"FAILED: {message}")
        sys.exit(1)


# get_projects(limit=100, offset=0) / find_project(short_name=..., all=1)
projects = req("get", "project", params={"limit": 100, "offset": 0})
check(isinstance(projects, list), f"get_projects returned {projects!r}")
found = req("get", "project", params={"short_name": "galaxyzoo", "all": 1})
check(isinstance(found, list) and len(found) == 1, f"find_project returned {found!r}")

# create_project(name, short_name, description) -> update_project -> get_project
project = req("post", "project", payload={"name": "Client Project", "short_name": "clientproject", "description": "made by the client"})
check("id" in project, f"create_project returned {project!r}")
read = req("get", "project", project["id"])
check(read.get("link", "").startswith("<link rel='self' title='project'"), f"get_project returned {read!r}")
forbidden = {"id", "created", "updated", "completed", "contacted", "published", "secret_key"}
data = {k: v for k, v in read.items() if k not in forbidden}
data["description"] = "updated by the client"
updated = req("put", "project", project["id"], payload=data)
check(updated.get("description") == "updated by the client", f"update_project returned {updated!r}")

# create_task(project_id, info, n_answers=30, priority_0=0, quorum=0) -> find_tasks -> update_task
task = req("post", "task", payload={"project_id": project["id"], "info": {"question": "Is it a moth?"}, "calibration": 0, "priority_0": 0, "n_answers": 30, "quorum": 0})
check("id" in task, f"create_task returned {task!r}")
tasks = req("get", "task", params={"project_id": project["id"], "limit": 100, "offset": 0})
check([t["id"] for t in tasks] == [task["id"]], f"get_tasks returned {tasks!r}")
by_info = req("get", "task", params={"project_id": project["id"], "info": "question::Is it a moth?"})
check(len(by_info) == 1, f"find_tasks(info=...) returned {by_info!r}")
task_data = {k: v for k, v in by_info[0].items() if k not in {"id", "created", "state", "fav_user_ids"}}
task_data["n_answers"] = 2
updated_task = req("put", "task", task["id"], payload=task_data)
check(updated_task.get("n_answers") == 2, f"update_task returned {updated_task!r}")

# get_taskruns / find_taskruns / get_results (owner context: the key owner's projects)
runs = req("get", "taskrun", params={"project_id": found[0]["id"], "limit": 100, "offset": 0})
check(isinstance(runs, list) and len(runs) > 0, f"get_taskruns returned {runs!r}")
results = req("get", "result", params={"project_id": found[0]["id"], "limit": 100, "offset": 0})
check(isinstance(results, list) and len(results) > 0, f"get_results returned {results!r}")
result_data = {k: v for k, v in results[0].items() if k not in {"id", "created", "project_id", "task_id", "task_run_ids", "last_version"}}
result_data["info"] = {"verdict": "spiral"}
updated_result = req("put", "result", results[0]["id"], payload=result_data)
check(updated_result.get("info") == {"verdict": "spiral"}, f"update_result returned {updated_result!r}")

# errors come back as PYBOSSA error objects
missing = req("get", "project", 999999)
check(missing.get("status") == "failed" and missing.get("status_code") == 404, f"missing project returned {missing!r}")

# delete_task, delete_project -> True
check(req("delete", "task", task["id"]) is True, "delete_task did not return True")
check(req("delete", "project", project["id"]) is True, "delete_project did not return True")
print("ok: pbclient calls passed")
