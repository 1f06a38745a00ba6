-- wrk script of `npm run bench:sessions -- --http`: each request carries the next user's cookie
-- (read from the file given after `--`, one Cookie header value a line), round robin.
local cookies = {}
local n = 0
local i = 0

init = function(args)
  for line in io.lines(args[1]) do
    n = n + 1
    cookies[n] = line
  end
  i = math.random(n)
end

request = function()
  i = (i % n) + 1
  return wrk.format(nil, nil, { Cookie = cookies[i] })
end
