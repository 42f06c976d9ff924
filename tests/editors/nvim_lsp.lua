-- Neovim's own LSP client (0.7, Debian's) driving `caios lsp` headless on samples/checkout, as a
-- user's editor would: open a file, see a diagnostic appear for an unsaved edit and go away when
-- it is undone, hover a flow, jump to a type's definition in another file, list a type's
-- references, rename a variable (and be refused a keyword), format the buffer.
-- Run by tests/editors/nvim_lsp.sh, which copies the sample into a scratch folder:
--   CAIOS=build/caios PROJECT=/tmp/x nvim --headless --clean -c 'luafile tests/editors/nvim_lsp.lua'
local caios = assert(os.getenv('CAIOS'), 'CAIOS is not set')
local project = assert(os.getenv('PROJECT'), 'PROJECT is not set')
local failures = {}
local function check(ok, what)
  if not ok then table.insert(failures, what) end
end
local function finish()
  if #failures == 0 then
    io.stdout:write('nvim_lsp: every check passed\n')
    vim.cmd('qall!')
  else
    io.stderr:write('nvim_lsp: ' .. table.concat(failures, '\nnvim_lsp: ') .. '\n')
    vim.cmd('cquit 1')
  end
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. project .. '/main.caios')
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({ name = 'caios', cmd = { caios, 'lsp' }, root_dir = project })
  check(client ~= nil, 'the client did not start')
  vim.lsp.buf_attach_client(buf, client)
  check(vim.wait(10000, function()
    local c = vim.lsp.get_client_by_id(client)
    return c ~= nil and c.initialized
  end, 20), 'the server did not initialize')

  -- A clean file has no diagnostics.
  vim.wait(1500, function() return false end, 50)
  check(#vim.diagnostic.get(buf) == 0, 'the sample has diagnostics: ' .. vim.inspect(vim.diagnostic.get(buf)))

  -- An unsaved edit that names an unknown table: E0211 on that line, then gone when undone.
  local line = vim.fn.search('^  Orders.put({') - 1
  check(line >= 0, 'no `Orders.put({` line')
  local original = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1]
  vim.api.nvim_buf_set_lines(buf, line, line + 1, false, { (original:gsub('Orders', 'Ordres')) })
  check(vim.wait(10000, function() return #vim.diagnostic.get(buf) > 0 end, 20),
    'no diagnostic for an unknown table')
  local d = vim.diagnostic.get(buf)[1] or {}
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  check(code == 'E0211', 'the diagnostic is ' .. vim.inspect(d))
  check(d.lnum == line and d.col == 2, 'the diagnostic is at ' .. tostring(d.lnum) .. ':' .. tostring(d.col))
  check(d.severity == vim.diagnostic.severity.ERROR, 'the diagnostic is not an error')
  vim.api.nvim_buf_set_lines(buf, line, line + 1, false, { original })
  check(vim.wait(10000, function() return #vim.diagnostic.get(buf) == 0 end, 20),
    'the diagnostic stayed after the edit was undone')

  -- Hover on the flow's name shows its signature.
  local flow_line = vim.fn.search('^flow checkout') - 1
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = flow_line, character = 6 },
  }, 5000)
  local hover_text = vim.inspect(hover)
  check(hover_text:find('flow checkout%(order: Order%)') ~= nil, 'hover: ' .. hover_text)

  -- Go to definition of `Order` lands in types.caios, on `type Order`.
  local order_col = vim.api.nvim_buf_get_lines(buf, flow_line, flow_line + 1, false)[1]:find(': Order') + 1
  local def = vim.lsp.buf_request_sync(buf, 'textDocument/definition', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = flow_line, character = order_col },
  }, 5000)
  local location
  for _, response in pairs(def or {}) do
    local result = response.result
    if result then location = result[1] or result end
  end
  check(location ~= nil and location.uri:match('types%.caios$') ~= nil, 'definition: ' .. vim.inspect(def))
  if location then
    local types = vim.fn.readfile(project .. '/types.caios')
    local target = types[location.range.start.line + 1] or ''
    check(target:find('^type Order') ~= nil, 'the definition is the line ' .. vim.inspect(target))
  end

  -- References of `Order` from its use: every use in main.caios and the declaration in
  -- types.caios, as Neovim's quickfix items.
  local refs = vim.lsp.buf_request_sync(buf, 'textDocument/references', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = flow_line, character = order_col },
    context = { includeDeclaration = true },
  }, 5000)
  local items = {}
  for _, response in pairs(refs or {}) do
    if response.result then items = vim.lsp.util.locations_to_items(response.result, 'utf-16') end
  end
  local expected_main = 0
  for _, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    local code = l:gsub('//.*', '')
    for _ in code:gmatch('%f[%w_]Order%f[^%w_]') do expected_main = expected_main + 1 end
  end
  local in_main, in_types = 0, 0
  for _, item in ipairs(items) do
    check(item.text:sub(item.col, item.col + 4) == 'Order', 'a reference is not `Order`: ' .. vim.inspect(item))
    if item.filename:match('main%.caios$') then in_main = in_main + 1 end
    if item.filename:match('types%.caios$') then
      in_types = in_types + 1
      check(item.text:find('^type Order') ~= nil, 'the declaration reference: ' .. vim.inspect(item))
    end
  end
  check(expected_main >= 5 and in_main == expected_main and in_types == 1,
    'references: ' .. in_main .. ' in main.caios (expected ' .. expected_main .. '), ' .. in_types .. ' in types.caios')

  -- Rename a variable: Neovim applies the workspace edit to the buffer; the field of the same
  -- name (`reservation.reservationId`) is not touched and the buffer stays clean.
  local let_line = vim.fn.search('let reservationId = ') - 1
  local let_col = vim.api.nvim_buf_get_lines(buf, let_line, let_line + 1, false)[1]:find('reservationId') - 1
  local renamed = vim.lsp.buf_request_sync(buf, 'textDocument/rename', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = let_line, character = let_col },
    newName = 'reservedId',
  }, 5000)
  local rename_applied = false
  for _, response in pairs(renamed or {}) do
    if response.result then
      vim.lsp.util.apply_workspace_edit(response.result, 'utf-16')
      rename_applied = true
    end
  end
  check(rename_applied, 'rename returned no edit: ' .. vim.inspect(renamed))
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  local _, uses = text:gsub('%f[%w_.]reservedId%f[^%w_]', '')
  check(uses == 4, 'the renamed variable occurs ' .. uses .. ' times, not 4')
  check(text:find('let reservedId = ""', 1, true) and text:find('reservedId = reservation.reservationId', 1, true)
    and text:find('releaseInventory(order, reservedId)', 1, true) ~= nil, 'the renamed buffer: ' .. text)
  vim.wait(1500, function() return false end, 50)
  check(#vim.diagnostic.get(buf) == 0, 'diagnostics after the rename: ' .. vim.inspect(vim.diagnostic.get(buf)))
  -- A keyword is refused with an error Neovim receives.
  local refused = vim.lsp.buf_request_sync(buf, 'textDocument/rename', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = let_line, character = let_col },
    newName = 'flow',
  }, 5000)
  local refusal
  for _, response in pairs(refused or {}) do
    -- Neovim 0.7 names it `error`, later versions `err`.
    local e = response.error or response.err
    if e then refusal = e.message end
  end
  check(refusal ~= nil and refusal:find('keyword') ~= nil, 'renaming to `flow`: ' .. vim.inspect(refused))

  -- Formatting: an unformatted buffer comes back as `caios fmt` writes it.
  local before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local messy = {}
  for _, l in ipairs(before) do table.insert(messy, (l:gsub('^  ', '      '))) end
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, messy)
  local edits = vim.lsp.buf_request_sync(buf, 'textDocument/formatting', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    options = { tabSize = 2, insertSpaces = true },
  }, 5000)
  local applied = false
  for _, response in pairs(edits or {}) do
    if response.result then
      vim.lsp.util.apply_text_edits(response.result, buf, 'utf-16')
      applied = true
    end
  end
  check(applied, 'formatting returned no edits: ' .. vim.inspect(edits))
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  check(vim.deep_equal(after, before), 'the formatted buffer differs from the formatted file')

  vim.lsp.stop_client(client)
end)
check(ok, 'error: ' .. tostring(err))
finish()
