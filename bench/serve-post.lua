-- wrk script for bench/serve-load.sh and bench/serve-soak.sh: POSTs one case file (KOERS_CASE)
-- to KOERS_PATH (default /v1/advice), keep-alive, as the web page and other systems do.
local file = assert(io.open(os.getenv("KOERS_CASE"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.path = os.getenv("KOERS_PATH") or "/v1/advice"
wrk.headers["Content-Type"] = "application/yaml"
