-- wrk script for bench/milestones.sh: random component, value 0 or 100 on "Punch" (a discrete
-- milestone every type has). Lowering needs a TRK-042 reason, so every body carries one (a raise
-- ignores it). Reads IDS_FILE, PROJECT_ID and API_TOKEN from the environment. BENCH_IDEMPOTENCY=1
-- sends a fresh Idempotency-Key (TRK-045) with every request, as offline field clients do.
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do
  if #line > 0 then ids[#ids + 1] = line end
end
local project = os.getenv("PROJECT_ID")
local headers = {
  ["Content-Type"] = "application/json",
  ["Authorization"] = "Bearer " .. os.getenv("API_TOKEN"),
}
local counter = 1
local keyed = os.getenv("BENCH_IDEMPOTENCY") == "1"
local sent = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0))
end

function request()
  local id = ids[math.random(#ids)]
  local value = math.random(2) == 1 and 0 or 100
  local body = string.format('{"value":%d,"rollbackReason":"data_entry_error"}', value)
  if keyed then
    sent = sent + 1
    headers["Idempotency-Key"] = string.format("bench-%d-%d-%d-%d", os.time(), tid or 0, sent, math.random(1000000000))
  end
  return wrk.format("POST", "/api/v1/projects/" .. project .. "/components/" .. id .. "/milestones/Punch", headers, body)
end
