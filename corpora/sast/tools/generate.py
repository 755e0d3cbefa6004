#!/usr/bin/env python3
"""Generates Bulwark's SAST suite: one servlet or Spring controller per case, helpers across
files, and expectedresults.csv in the usual `# test name, category, real vulnerability, cwe`
layout.

Each case combines a source of untrusted data, a propagation (how the value travels to the
sink: builders, collections, constant-folded branches, helpers in other files, dispatch through
interfaces, lambdas, streams...), where that propagation lives (inline, a private method, an
inner class, a static nested class) and a sink. A case is a real vulnerability only when the
propagation keeps the value tainted *and* the sink is used dangerously. The non-taint categories
(crypto, hash, weakrand, securecookie, xxe) vary how the algorithm, generator or flag is chosen.

Comments are sprinkled at random and say nothing reliable: a scanner must ignore them.

Run from anywhere: python3 tools/generate.py  (writes next to tools/)
"""

import csv
import os
import random
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = "dev.bulwark.suite"
CASE_PKG = PKG + ".testcode"
HELPER_PKG = PKG + ".helpers"
rng = random.Random(20261125)

CATEGORIES = {
    # name: (cwe, taint?)
    "sqli": (89, True),
    "cmdi": (78, True),
    "pathtraver": (22, True),
    "xss": (79, True),
    "ldapi": (90, True),
    "xpathi": (643, True),
    "trustbound": (501, True),
    "ssrf": (918, True),
    "redirect": (601, True),
    "elinjection": (917, True),
    "deserialization": (502, True),
    "crypto": (327, False),
    "hash": (328, False),
    "weakrand": (330, False),
    "securecookie": (614, False),
    "xxe": (611, False),
}
CASES_PER_CATEGORY = 30

# ---------------------------------------------------------------------------------------------
# Sources: each defines `String param` from the request (servlet) or a handler parameter (Spring).

SERVLET_SOURCES = [
    ("parameter", ['String param = request.getParameter("{pn}");', 'if (param == null) param = "";']),
    ("header", ['String param = "";', 'if (request.getHeader("{pn}") != null) {', '  param = request.getHeader("{pn}");', "}",
                'param = URLDecoder.decode(param, "UTF-8");']),
    ("headers", ['String param = "";', 'Enumeration<String> headers = request.getHeaders("{pn}");',
                 "if (headers != null && headers.hasMoreElements()) {", "  param = headers.nextElement();", "}"]),
    ("cookie", ['String param = "noCookieValueSupplied";', "Cookie[] cookies = request.getCookies();", "if (cookies != null) {",
                "  for (Cookie cookie : cookies) {", '    if (cookie.getName().equals("{pn}")) {',
                '      param = URLDecoder.decode(cookie.getValue(), "UTF-8");', "      break;", "    }", "  }", "}"]),
    ("query", ['String queryString = request.getQueryString();', 'String paramKey = "{pn}=";',
               "int start = queryString == null ? -1 : queryString.indexOf(paramKey);", 'String param = "";',
               "if (start >= 0) {", "  param = queryString.substring(start + paramKey.length());",
               "  int end = param.indexOf('&');", "  if (end >= 0) param = param.substring(0, end);",
               '  param = URLDecoder.decode(param, "UTF-8");', "}"]),
    ("parameterMap", ["Map<String, String[]> parameters = request.getParameterMap();", 'String param = "";',
                      "if (!parameters.isEmpty()) {", '  String[] values = parameters.get("{pn}");',
                      "  if (values != null) param = values[0];", "}"]),
    ("parameterValues", ['String[] values = request.getParameterValues("{pn}");',
                         'String param = values != null && values.length > 0 ? values[0] : "";']),
    ("parameterNames", ['String param = "";', "boolean matched = false;", "Enumeration<String> names = request.getParameterNames();",
                        "while (names.hasMoreElements() && !matched) {", "  String name = names.nextElement();",
                        "  String[] values = request.getParameterValues(name);", "  if (values != null) {",
                        "    for (String value : values) {", '      if (value.equals("{pn}")) {', "        param = name;",
                        "        matched = true;", "      }", "    }", "  }", "}"]),
    ("reader", ["String param = request.getReader().readLine();", 'if (param == null) param = "";']),
    ("wrapper", ["RequestWrapper wrapper = new RequestWrapper(request);", 'String param = wrapper.parameter("{pn}");']),
]

SPRING_SOURCES = [
    ("requestParam", '@RequestParam("{pn}") String param'),
    ("requestHeader", '@RequestHeader(value = "{pn}", defaultValue = "") String param'),
    ("pathVariable", '@PathVariable("{pn}") String param'),
    ("cookieValue", '@CookieValue(value = "{pn}", defaultValue = "") String param'),
    ("requestBody", "@RequestBody String param"),
]

# ---------------------------------------------------------------------------------------------
# Propagations: (name, tainted variant, safe variant). Each takes `param`, defines `String bar`.

PROPAGATIONS = [
    ("direct",
     ["String bar = param;"],
     ["String bar = param;", 'bar = "replacement";']),
    ("builder",
     ["StringBuilder sbuf = new StringBuilder();", 'sbuf.append("prefix-").append(param);', "String bar = sbuf.toString();"],
     ["StringBuilder sbuf = new StringBuilder(param);", "sbuf.setLength(0);", 'sbuf.append("prefix-");', "String bar = sbuf.toString();"]),
    ("format",
     ['String bar = String.format("%s_tail", param);'],
     ['String bar = String.format("%d_tail", param.length());']),
    ("ternary",
     ["int num = 106;", 'String bar = (7 * 42) - num > 200 ? "constant text" : param;'],
     ["int num = 86;", 'String bar = (7 * 42) - num > 200 ? "constant text" : param;']),
    ("ifConstant",
     ["String bar;", "int n = 196;", "if ((500 / 42) + n > 200) {", "  bar = param;", "} else {", '  bar = "no";', "}"],
     ["String bar;", "int n = 150;", "if ((500 / 42) + n > 200) {", "  bar = param;", "} else {", '  bar = "no";', "}"]),
    ("switch",
     ['String guess = "ABC";', "char target = guess.charAt({idx});", "String bar;", "switch (target) {",
      "  case 'A':", "    bar = param;", "    break;", "  case 'B':", '    bar = "bob";', "    break;",
      "  case 'C':", "  case 'D':", "    bar = param;", "    break;", "  default:", '    bar = "default";', "    break;", "}"],
     None),  # variant chosen by idx: 0/2 tainted, 1 safe
    ("map",
     ["HashMap<String, Object> map = new HashMap<>();", 'map.put("keyA", "a-value");', 'map.put("keyB", param);',
      'String bar = (String) map.get("keyB");'],
     ["HashMap<String, Object> map = new HashMap<>();", 'map.put("keyA", "a-value");', 'map.put("keyB", param);',
      'String bar = (String) map.get("keyA");']),
    ("list",
     ["List<String> values = new ArrayList<>();", 'values.add("safe");', "values.add(param);", 'values.add("moresafe");',
      "values.remove(0);", "String bar = values.get(0);"],
     ["List<String> values = new ArrayList<>();", 'values.add("safe");', "values.add(param);", 'values.add("moresafe");',
      "values.remove(0);", "String bar = values.get(1);"]),
    ("array",
     ['String[] parts = {"first", param, "third"};', "String bar = parts[1];"],
     ['String[] parts = {"first", param, "third"};', "String bar = parts[2];"]),
    ("helper",
     ["String bar = Strings.decorate(param);"],
     ["String bar = Strings.constant(param);"]),
    ("interface",
     ['Thing thing = ThingFactory.create("echo");', "String bar = thing.process(param);"],
     ['Thing thing = ThingFactory.create("fixed");', "String bar = thing.process(param);"]),
    ("lambda",
     ["Function<String, String> f = s -> s.trim();", "String bar = f.apply(param);"],
     ['Function<String, String> f = s -> "lambda-constant";', "String bar = f.apply(param);"]),
    ("stream",
     ['String bar = Stream.of("a", param).filter(s -> !s.isEmpty()).collect(Collectors.joining(","));'],
     ['String bar = Stream.of("a", "b").map(s -> s + param.length()).collect(Collectors.joining(","));']),
    ("base64",
     ["String bar = new String(Base64.getDecoder().decode(Base64.getEncoder().encode(param.getBytes())));"],
     ["String bar = Base64.getEncoder().encodeToString(param.getBytes());"]),
    ("holder",
     ["Holder holder = new Holder();", "holder.value = param;", "String bar = holder.value;"],
     ["Holder holder = new Holder();", "holder.value = param;", 'holder.other = "other";', "String bar = holder.other;"]),
    ("staticField",
     ["Shared.last = param;", "String bar = Shared.last;"],
     ["Shared.last = param;", "String bar = Shared.DEFAULT;"]),
    ("varargs",
     ['String bar = Strings.firstOf(param, "second");'],
     ['String bar = Strings.firstOf("first", param);']),
    ("iterator",
     ['List<String> items = new ArrayList<>(List.of("start"));', "items.add(param);", 'String bar = "";',
      "Iterator<String> it = items.iterator();", "while (it.hasNext()) {", "  bar = bar + it.next();", "}"],
     ['List<String> items = new ArrayList<>(List.of("start", "end"));', 'String bar = "";',
      "Iterator<String> it = items.iterator();", "while (it.hasNext()) {", "  bar = bar + it.next();", "}"]),
    ("optional",
     ['String bar = Optional.ofNullable(param).map(String::trim).orElse("none");'],
     ['String bar = Optional.ofNullable(param).map(s -> "masked").orElse("none");']),
    ("copy",
     ["List<String> source = new ArrayList<>();", "source.add(param);", "List<String> copy = new ArrayList<>(source);",
      "String bar = copy.get(0);"],
     ["List<String> source = new ArrayList<>();", 'source.add("safe");', "source.add(param);",
      "List<String> copy = new ArrayList<>(source);", "String bar = copy.get(0);"]),
    ("properties",
     ['String bar = Settings.get("missing.key", param);'],
     ['String bar = Settings.get("greeting", param);']),
    ("stringMethods",
     ['String bar = param.trim().toLowerCase().replace("a", "b").substring(0);'],
     ['String bar = param.isEmpty() ? "empty" : "filled";']),
    ("split",
     ['String bar = param.split(" ")[0];'],
     ['String bar = "alpha beta".split(" ")[0];']),
    ("anonymous",
     ["Function<String, String> f = new Function<String, String>() {", "  @Override", "  public String apply(String s) {",
      '    return s + "-suffix";', "  }", "};", "String bar = f.apply(param);"],
     ["Function<String, String> f = new Function<String, String>() {", "  @Override", "  public String apply(String s) {",
      '    return "anonymous-constant";', "  }", "};", "String bar = f.apply(param);"]),
    ("subclass",
     ["BaseFormatter formatter = new LoudFormatter();", "String bar = formatter.format(param);"],
     ["BaseFormatter formatter = new QuietFormatter();", "String bar = formatter.format(param);"]),
]

PLACEMENTS = ["inline", "method", "inner", "nested"]

# ---------------------------------------------------------------------------------------------
# Sinks per taint category: dangerous uses of `bar`, and safe ones (bar is used, but safely).

SINKS = {
    "sqli": (
        [
            ['String sql = "SELECT * FROM USERS WHERE USERNAME = \'" + bar + "\'";', "Statement statement = Db.connection().createStatement();",
             "ResultSet rs = statement.executeQuery(sql);", "Db.print(rs, response);"],
            ['String sql = "UPDATE USERS SET LAST_SEEN = NOW() WHERE USERNAME = \'" + bar + "\'";',
             "Statement statement = Db.connection().createStatement();", "int count = statement.executeUpdate(sql);",
             'response.getWriter().println("updated " + count);'],
            ['String sql = "INSERT INTO AUDIT (ACTOR) VALUES (\'" + bar + "\')";', "Statement statement = Db.connection().createStatement();",
             "statement.execute(sql, Statement.RETURN_GENERATED_KEYS);"],
            ['String sql = "DELETE FROM CARTS WHERE OWNER = \'" + bar + "\'";', "Statement statement = Db.connection().createStatement();",
             "statement.addBatch(sql);", "statement.executeBatch();"],
            ['String sql = "SELECT ID FROM USERS WHERE USERNAME = \'" + bar + "\'";',
             "List<Map<String, Object>> rows = Db.JDBC.queryForList(sql);", 'response.getWriter().println(rows.size());'],
            ['String sql = "SELECT COUNT(*) FROM USERS WHERE USERNAME = \'" + bar + "\'";',
             "Long total = Db.JDBC.queryForObject(sql, Long.class);", 'response.getWriter().println(total);'],
            ['String sql = "SELECT * FROM USERS WHERE USERNAME = \'" + bar + "\'";',
             "PreparedStatement ps = Db.connection().prepareStatement(sql);", "ps.executeQuery();"],
            ['CallableStatement call = Db.connection().prepareCall("{call VERIFY_USER(\'" + bar + "\')}");', "call.execute();"],
        ],
        [
            ['String sql = "SELECT * FROM USERS WHERE USERNAME = ?";', "PreparedStatement ps = Db.connection().prepareStatement(sql);",
             "ps.setString(1, bar);", "ResultSet rs = ps.executeQuery();", "Db.print(rs, response);"],
            ['List<Map<String, Object>> rows = Db.JDBC.queryForList("SELECT ID FROM USERS WHERE USERNAME = ?", bar);',
             "response.getWriter().println(rows.size());"],
            ["int id = bar.length();", 'String sql = "SELECT * FROM USERS WHERE ID = " + id;',
             "Statement statement = Db.connection().createStatement();", "statement.executeQuery(sql);"],
        ],
    ),
    "cmdi": (
        [
            ['Process p = Runtime.getRuntime().exec("nslookup " + bar);', "Processes.drain(p, response);"],
            ['String[] args = {"sh", "-c", "echo " + bar};', "Process p = Runtime.getRuntime().exec(args);", "Processes.drain(p, response);"],
            ['String[] argsEnv = {"TARGET=" + bar};', 'Process p = Runtime.getRuntime().exec("printenv TARGET", argsEnv);',
             "Processes.drain(p, response);"],
            ["List<String> command = new ArrayList<>();", 'command.add("sh");', 'command.add("-c");', 'command.add("ls " + bar);',
             "ProcessBuilder pb = new ProcessBuilder();", "pb.command(command);", "Processes.drain(pb.start(), response);"],
            ['ProcessBuilder pb = new ProcessBuilder("sh", "-c", "cat " + bar);', "Processes.drain(pb.start(), response);"],
        ],
        [
            ['ProcessBuilder pb = new ProcessBuilder("wc", "-c");', "Process p = pb.start();",
             "p.getOutputStream().write(bar.getBytes());", "Processes.drain(p, response);"],
            ["int count = bar.length();", 'Process p = Runtime.getRuntime().exec("sleep " + count);', "Processes.drain(p, response);"],
        ],
    ),
    "pathtraver": (
        [
            ["File file = new File(Files2.ROOT, bar);", 'response.getWriter().println(file.exists() ? "present" : "absent");'],
            ["try (FileInputStream in = new FileInputStream(Files2.ROOT + bar)) {", "  response.getWriter().println(in.available());", "}"],
            ["Path path = Paths.get(Files2.ROOT, bar);", "response.getWriter().println(Files.size(path));"],
            ["try (FileOutputStream out = new FileOutputStream(new File(bar))) {", '  out.write("report".getBytes());', "}"],
            ["File dir = new File(Files2.ROOT);", "File target = new File(dir, bar);", "target.delete();"],
            ['try (FileReader reader = new FileReader(Files2.ROOT + "/" + bar)) {', "  response.getWriter().println(reader.read());", "}"],
        ],
        [
            ['File file = new File(Files2.ROOT, "report-" + bar.length() + ".txt");', "response.getWriter().println(file.exists());"],
            ['File file = new File(Files2.ROOT, UUID.nameUUIDFromBytes(bar.getBytes()).toString());', "response.getWriter().println(file.exists());"],
            ['Path path = Paths.get(Files2.ROOT, FilenameUtils.getName(bar));', "response.getWriter().println(Files.exists(path));"],
        ],
    ),
    "xss": (
        [
            ['response.setHeader("X-XSS-Protection", "0");', "response.getWriter().print(bar);"],
            ['response.getWriter().println("<p>" + bar + "</p>");'],
            ['Object[] args = {"a", bar};', 'response.getWriter().format("<b>%s</b> %s", args);'],
            ['response.getWriter().printf(Locale.US, bar, "x");'],
            ["response.getWriter().write(bar.toCharArray(), 0, bar.length());"],
            ["PrintWriter out = response.getWriter();", 'out.append("<div>").append(bar).append("</div>");'],
            ['response.getOutputStream().write(("<span>" + bar + "</span>").getBytes());'],
        ],
        [
            ['response.getWriter().println("<p>" + HtmlUtils.htmlEscape(bar) + "</p>");'],
            ['response.getWriter().print(StringEscapeUtils.escapeHtml4(bar));'],
            ['response.getWriter().printf("<p>%d characters</p>", bar.length());'],
            ['response.setContentType("text/html");', 'response.getWriter().write(URLEncoder.encode(bar, "UTF-8"));'],
        ],
    ),
    "ldapi": (
        [
            ["DirContext ctx = Ldap.context();", "SearchControls sc = new SearchControls();",
             'String filter = "(&(objectclass=person)(uid=" + bar + "))";', 'NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", filter, sc);',
             "Ldap.print(results, response);"],
            ["DirContext ctx = Ldap.context();", "SearchControls sc = new SearchControls();",
             'NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", "(uid=" + bar + ")", new Object[0], sc);',
             "Ldap.print(results, response);"],
            ["DirContext ctx = Ldap.context();", 'Object found = ctx.lookup("cn=" + bar + ",ou=users,ou=system");',
             "response.getWriter().println(found != null);"],
        ],
        [
            ["DirContext ctx = Ldap.context();", "SearchControls sc = new SearchControls();",
             'NamingEnumeration<SearchResult> results = ctx.search("ou=users,ou=system", "(&(objectclass=person)(uid={0}))", new Object[] {bar}, sc);',
             "Ldap.print(results, response);"],
        ],
    ),
    "xpathi": (
        [
            ["XPath xp = XPathFactory.newInstance().newXPath();", 'String expression = "/Employees/Employee[@emplid=\'" + bar + "\']";',
             "String result = xp.evaluate(expression, Xml.employees());", "response.getWriter().println(result);"],
            ["XPath xp = XPathFactory.newInstance().newXPath();",
             'NodeList nodes = (NodeList) xp.compile("//Employee[name=\'" + bar + "\']").evaluate(Xml.employees(), XPathConstants.NODESET);',
             "response.getWriter().println(nodes.getLength());"],
        ],
        [
            ["XPath xp = XPathFactory.newInstance().newXPath();", 'xp.setXPathVariableResolver(v -> "id".equals(v.getLocalPart()) ? bar : null);',
             'String result = xp.evaluate("/Employees/Employee[@emplid=$id]", Xml.employees());', "response.getWriter().println(result);"],
        ],
    ),
    "trustbound": (
        [
            ['request.getSession().setAttribute("userid", bar);'],
            ['request.getSession(true).setAttribute("profile", "name=" + bar);'],
            ['HttpSession session = request.getSession();', 'session.setAttribute(bar, "10340");'],
        ],
        [
            ['request.getSession().setAttribute("userid", bar.length());'],
            ['request.getSession().setAttribute("digest", Base64.getEncoder().encodeToString(bar.getBytes()));'],
        ],
    ),
    "ssrf": (
        [
            ["URL url = new URL(bar);", "try (InputStream in = url.openStream()) {", "  response.getWriter().println(in.available());", "}"],
            ['URL url = new URL("http://" + bar + "/status");', "HttpURLConnection conn = (HttpURLConnection) url.openConnection();",
             "response.getWriter().println(conn.getResponseCode());"],
            ["String body = Http.REST.getForObject(bar, String.class);", "response.getWriter().println(body != null);"],
            ["HttpRequest req = HttpRequest.newBuilder(URI.create(bar)).build();",
             "response.getWriter().println(Http.CLIENT.send(req, HttpResponse.BodyHandlers.discarding()).statusCode());"],
        ],
        [
            ['URL url = new URL("https://api.example.org/search?q=" + URLEncoder.encode(bar, "UTF-8"));',
             "try (InputStream in = url.openStream()) {", "  response.getWriter().println(in.available());", "}"],
            ['String body = Http.REST.getForObject("https://status.example.org/v1/" + bar.length(), String.class);',
             "response.getWriter().println(body != null);"],
        ],
    ),
    "redirect": (
        [
            ["response.sendRedirect(bar);"],
            ['response.sendRedirect(bar + "/welcome");'],
            ['response.sendRedirect("/" + bar);'],
        ],
        [
            ['response.sendRedirect("/account?tab=" + bar);'],
            ['response.sendRedirect(Redirects.TARGETS.getOrDefault("home", "/"));'],
        ],
    ),
    "elinjection": (
        [
            ["ExpressionParser parser = new SpelExpressionParser();", "Object value = parser.parseExpression(bar).getValue();",
             "response.getWriter().println(value);"],
            ["ExpressionParser parser = new SpelExpressionParser();",
             'Object value = parser.parseExpression("\'" + bar + "\'.length()").getValue();', "response.getWriter().println(value);"],
        ],
        [
            ["ExpressionParser parser = new SpelExpressionParser();", "StandardEvaluationContext context = new StandardEvaluationContext();",
             'context.setVariable("input", bar);', 'Object value = parser.parseExpression("#input.length()").getValue(context);',
             "response.getWriter().println(value);"],
        ],
    ),
    "deserialization": (
        [
            ["byte[] data = Base64.getDecoder().decode(bar);",
             "try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {",
             "  response.getWriter().println(ois.readObject() != null);", "}"],
            ["ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(bar.getBytes()));",
             "Object o = ois.readUnshared();", "response.getWriter().println(o.hashCode());"],
        ],
        [
            ["byte[] data = Base64.getDecoder().decode(bar);",
             "try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(data))) {",
             '  ois.setObjectInputFilter(ObjectInputFilter.Config.createFilter("java.lang.String;!*"));',
             "  response.getWriter().println(ois.readObject() != null);", "}"],
        ],
    ),
}

# ---------------------------------------------------------------------------------------------
# Non-taint categories: how the algorithm / generator / flag is chosen.

WEAK_CIPHERS = ["DES/CBC/PKCS5Padding", "DESede/ECB/PKCS5Padding", "AES/ECB/PKCS5Padding", "RC4", "Blowfish", "AES", "RC2/CBC/PKCS5Padding"]
STRONG_CIPHERS = ["AES/GCM/NoPadding", "AES/CBC/PKCS5Padding", "ChaCha20-Poly1305", "AES/CTR/NoPadding"]
WEAK_HASHES = ["MD5", "SHA1", "SHA-1", "MD2", "SHA"]
STRONG_HASHES = ["SHA-256", "SHA-384", "SHA-512", "SHA3-256", "SHA-512/256"]

PROPERTIES = {
    "greeting": "hello",
    "cipher.legacy": "DES/ECB/PKCS5Padding",
    "cipher.modern": "AES/GCM/NoPadding",
    "digest.legacy": "MD5",
    "digest.modern": "SHA-256",
    "cookie.secure": "true",
}


def choose_algorithm(weak, strong, vulnerable, kind, i):
    """Lines defining `String alg` whose value is weak when `vulnerable`."""
    value = rng.choice(weak if vulnerable else strong)
    other = rng.choice(strong if vulnerable else weak)
    style = i % 8
    if style == 0:
        return [f'String alg = "{value}";'], []
    if style == 1:
        return ["String alg = ALGORITHM;"], [f'private static final String ALGORITHM = "{value}";']
    if style == 2:
        key = f"{kind}.legacy" if vulnerable else f"{kind}.modern"
        return [f'String alg = Settings.get("{key}", "{other}");'], []
    if style == 3:
        return ['Map<String, String> algs = new HashMap<>();', f'algs.put("a", "{value}");', f'algs.put("b", "{other}");',
                'String alg = algs.get("a");'], []
    if style == 4:
        return [f"String alg = pick({'true' if vulnerable else 'false'});"], [
            "private static String pick(boolean legacy) {", f'  return legacy ? "{rng.choice(weak)}" : "{rng.choice(strong)}";', "}"]
    if style == 5:
        return ["int level = 3;", f'String alg = level * 2 > 5 ? "{value}" : "{other}";'], []
    if style == 6:
        return ["StringBuilder name = new StringBuilder();", f'name.append("{value[:2]}");', f'name.append("{value[2:]}");',
                "String alg = name.toString();"], []
    return [f'String alg = "{other}";', "String requested = param;", f'alg = "{value}";'], []


def noncase_body(cat, vulnerable, i):
    """(body lines, extra members, sink description) for the non-taint categories."""
    if cat == "crypto":
        lines, members = choose_algorithm(WEAK_CIPHERS, STRONG_CIPHERS, vulnerable, "cipher", i)
        use = rng.choice([
            ["Cipher c = Cipher.getInstance(alg);", 'response.getWriter().println(c.getAlgorithm() + param.length());'],
            ["Cipher c = Cipher.getInstance(alg, \"SunJCE\");", "response.getWriter().println(c.getBlockSize());"],
        ])
        if i % 11 == 10 and vulnerable:
            return ['KeyGenerator kg = KeyGenerator.getInstance("DES");', "SecretKey key = kg.generateKey();",
                    "response.getWriter().println(key.getFormat() + param.length());"], []
        return lines + use, members
    if cat == "hash":
        lines, members = choose_algorithm(WEAK_HASHES, STRONG_HASHES, vulnerable, "digest", i)
        if i % 9 == 8:
            fn = "md5Hex" if vulnerable else "sha256Hex"
            return [f"String digest = DigestUtils.{fn}(param);", "response.getWriter().println(digest);"], []
        return lines + ["MessageDigest md = MessageDigest.getInstance(alg);", "byte[] digest = md.digest(param.getBytes());",
                        "response.getWriter().println(HexFormat.of().formatHex(digest));"], members
    if cat == "weakrand":
        weak = [
            ["Random generator = new Random();", "int value = generator.nextInt(99);"],
            ["long value = new Random(System.nanoTime()).nextLong();"],
            ["double value = Math.random();"],
            ["double value = new java.util.Random().nextGaussian();"],
            ["int value = ThreadLocalRandom.current().nextInt();"],
            ["float value = new Random().nextFloat();"],
        ]
        strong = [
            ["SecureRandom generator = new SecureRandom();", "int value = generator.nextInt(99);"],
            ['long value = SecureRandom.getInstance("SHA1PRNG").nextLong();'],
            ["double value = SecureRandom.getInstanceStrong().nextDouble();"],
            ["byte[] bytes = new byte[16];", "new SecureRandom().nextBytes(bytes);", "String value = HexFormat.of().formatHex(bytes);"],
        ]
        lines = rng.choice(weak if vulnerable else strong)
        return lines + ['String rememberMe = "token-" + value;', 'Cookie cookie = new Cookie("rememberMe", rememberMe);',
                        "cookie.setSecure(true);", "cookie.setHttpOnly(true);", 'request.getSession().setAttribute("who", "user-" + param.length());',
                        "response.addCookie(cookie);"], []
    if cat == "securecookie":
        style = i % 6
        members = []
        if style == 0:
            flag = ["cookie.setSecure(false);"] if vulnerable else ["cookie.setSecure(true);"]
        elif style == 1:
            flag = [] if vulnerable else ["cookie.setSecure(true);"]
        elif style == 2:
            flag = ["boolean secure = 5 * 2 < 9;", "cookie.setSecure(secure);"] if vulnerable else [
                "boolean secure = 5 * 2 > 9;", "cookie.setSecure(secure);"]
        elif style == 3:
            members = [f"private static final boolean SECURE = {'false' if vulnerable else 'true'};"]
            flag = ["cookie.setSecure(SECURE);"]
        elif style == 4:
            flag = [f"cookie.setSecure(Cookies.secure({'false' if vulnerable else 'true'}));"]
        else:
            flag = ['cookie.setSecure(Boolean.parseBoolean(Settings.get("cookie.secure", "false")));'] if not vulnerable else [
                'cookie.setSecure(Boolean.parseBoolean(Settings.get("cookie.missing", "false")));']
        return ['Cookie cookie = new Cookie("SomeCookie", URLEncoder.encode(param, "UTF-8"));'] + flag + [
            "cookie.setHttpOnly(true);", "cookie.setPath(request.getRequestURI());", "response.addCookie(cookie);"], members
    if cat == "xxe":
        style = i % 5
        parse_dom = ["Document doc = dbf.newDocumentBuilder().parse(new InputSource(new StringReader(param)));",
                     "response.getWriter().println(doc.getDocumentElement().getNodeName());"]
        if style == 0:
            cfg = [] if vulnerable else ['dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);']
            return ["DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();"] + cfg + parse_dom, []
        if style == 1:
            cfg = ['dbf.setFeature("http://xml.org/sax/features/external-general-entities", false);']
            if not vulnerable:
                cfg.append('dbf.setFeature("http://xml.org/sax/features/external-parameter-entities", false);')
            return ["DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();"] + cfg + parse_dom, []
        if style == 2:
            cfg = ["dbf.setExpandEntityReferences(false);"] if vulnerable else ['dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");']
            return ["DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();"] + cfg + parse_dom, []
        if style == 3:
            cfg = [] if vulnerable else ["xif.setProperty(XMLInputFactory.SUPPORT_DTD, false);"]
            return ["XMLInputFactory xif = XMLInputFactory.newInstance();"] + cfg + [
                "XMLStreamReader reader = xif.createXMLStreamReader(new StringReader(param));",
                "response.getWriter().println(reader.hasNext());"], []
        cfg = [] if vulnerable else ['spf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);']
        return ["SAXParserFactory spf = SAXParserFactory.newInstance();"] + cfg + [
            "spf.newSAXParser().parse(new InputSource(new StringReader(param)), new DefaultHandler());",
            'response.getWriter().println("parsed");'], []
    raise ValueError(cat)


# ---------------------------------------------------------------------------------------------
# Comments that say nothing reliable.

NOISE = [
    "// validated by the gateway before it reaches this handler",
    "// TODO: review this for injection",
    "// safe: only administrators can call this endpoint",
    "// vulnerable? the value comes straight from the client",
    "/* input is trusted here */",
    "// FIXME potential security issue",
    "// sanitized upstream",
    "// this is the bad case",
    "// this is the good case",
]

IMPORTS = {
    "IOException": "java.io.IOException", "File": "java.io.File", "FileInputStream": "java.io.FileInputStream",
    "FileOutputStream": "java.io.FileOutputStream", "FileReader": "java.io.FileReader", "InputStream": "java.io.InputStream",
    "PrintWriter": "java.io.PrintWriter", "StringReader": "java.io.StringReader", "ObjectInputStream": "java.io.ObjectInputStream",
    "ObjectInputFilter": "java.io.ObjectInputFilter", "ByteArrayInputStream": "java.io.ByteArrayInputStream",
    "URL": "java.net.URL", "URI": "java.net.URI", "URLDecoder": "java.net.URLDecoder", "URLEncoder": "java.net.URLEncoder",
    "HttpURLConnection": "java.net.HttpURLConnection", "HttpRequest": "java.net.http.HttpRequest", "HttpResponse": "java.net.http.HttpResponse",
    "Path": "java.nio.file.Path", "Paths": "java.nio.file.Paths", "Files": "java.nio.file.Files",
    "Statement": "java.sql.Statement", "PreparedStatement": "java.sql.PreparedStatement", "CallableStatement": "java.sql.CallableStatement",
    "ResultSet": "java.sql.ResultSet", "MessageDigest": "java.security.MessageDigest", "SecureRandom": "java.security.SecureRandom",
    "ArrayList": "java.util.ArrayList", "Base64": "java.util.Base64", "Enumeration": "java.util.Enumeration", "HashMap": "java.util.HashMap",
    "HexFormat": "java.util.HexFormat", "Iterator": "java.util.Iterator", "List": "java.util.List", "Locale": "java.util.Locale",
    "Map": "java.util.Map", "Optional": "java.util.Optional", "Random": "java.util.Random", "UUID": "java.util.UUID",
    "ThreadLocalRandom": "java.util.concurrent.ThreadLocalRandom", "Function": "java.util.function.Function",
    "Collectors": "java.util.stream.Collectors", "Stream": "java.util.stream.Stream",
    "Cipher": "javax.crypto.Cipher", "KeyGenerator": "javax.crypto.KeyGenerator", "SecretKey": "javax.crypto.SecretKey",
    "NamingEnumeration": "javax.naming.NamingEnumeration", "DirContext": "javax.naming.directory.DirContext",
    "SearchControls": "javax.naming.directory.SearchControls", "SearchResult": "javax.naming.directory.SearchResult",
    "XMLConstants": "javax.xml.XMLConstants", "DocumentBuilderFactory": "javax.xml.parsers.DocumentBuilderFactory",
    "SAXParserFactory": "javax.xml.parsers.SAXParserFactory", "XMLInputFactory": "javax.xml.stream.XMLInputFactory",
    "XMLStreamReader": "javax.xml.stream.XMLStreamReader", "XPath": "javax.xml.xpath.XPath", "XPathConstants": "javax.xml.xpath.XPathConstants",
    "XPathFactory": "javax.xml.xpath.XPathFactory", "Document": "org.w3c.dom.Document", "NodeList": "org.w3c.dom.NodeList",
    "InputSource": "org.xml.sax.InputSource", "DefaultHandler": "org.xml.sax.helpers.DefaultHandler",
    "ServletException": "jakarta.servlet.ServletException", "WebServlet": "jakarta.servlet.annotation.WebServlet",
    "Cookie": "jakarta.servlet.http.Cookie", "HttpServlet": "jakarta.servlet.http.HttpServlet",
    "HttpServletRequest": "jakarta.servlet.http.HttpServletRequest", "HttpServletResponse": "jakarta.servlet.http.HttpServletResponse",
    "HttpSession": "jakarta.servlet.http.HttpSession",
    "DigestUtils": "org.apache.commons.codec.digest.DigestUtils", "FilenameUtils": "org.apache.commons.io.FilenameUtils",
    "StringEscapeUtils": "org.apache.commons.text.StringEscapeUtils", "HtmlUtils": "org.springframework.web.util.HtmlUtils",
    "ExpressionParser": "org.springframework.expression.ExpressionParser",
    "SpelExpressionParser": "org.springframework.expression.spel.standard.SpelExpressionParser",
    "StandardEvaluationContext": "org.springframework.expression.spel.support.StandardEvaluationContext",
    "RestController": "org.springframework.web.bind.annotation.RestController",
    "RequestMapping": "org.springframework.web.bind.annotation.RequestMapping",
    "GetMapping": "org.springframework.web.bind.annotation.GetMapping", "PostMapping": "org.springframework.web.bind.annotation.PostMapping",
    "RequestParam": "org.springframework.web.bind.annotation.RequestParam", "RequestHeader": "org.springframework.web.bind.annotation.RequestHeader",
    "PathVariable": "org.springframework.web.bind.annotation.PathVariable", "CookieValue": "org.springframework.web.bind.annotation.CookieValue",
    "RequestBody": "org.springframework.web.bind.annotation.RequestBody",
}
HELPERS = ["Db", "Processes", "Files2", "Ldap", "Xml", "Http", "Redirects", "Strings", "Thing", "ThingFactory", "Holder", "Shared",
           "Settings", "RequestWrapper", "Cookies", "BaseFormatter", "LoudFormatter", "QuietFormatter"]


def imports_for(code, wildcard):
    used = set(re.findall(r"\b[A-Z][A-Za-z0-9]*\b", code))
    fqns = sorted({IMPORTS[n] for n in used if n in IMPORTS})
    helpers = sorted(n for n in HELPERS if n in used)
    if wildcard:
        pkgs = sorted({f.rsplit(".", 1)[0] for f in fqns})
        # java.util.* and java.sql.* both fine; avoid ambiguous Date etc. by not using them
        lines = [f"import {p}.*;" for p in pkgs]
        if helpers:
            lines.append(f"import {HELPER_PKG}.*;")
        return lines
    return [f"import {f};" for f in fqns] + [f"import {HELPER_PKG}.{h};" for h in helpers]


def indent(lines, n):
    return [(" " * n + l) if l else l for l in lines]


def propagation_lines(prop, tainted, idx_choice):
    name, t, s = prop
    if name == "switch":
        return [l.replace("{idx}", str(idx_choice)) for l in t]
    return t if tainted else s


def build_case(num, cat, spring, source, prop, tainted_prop, placement, sink_lines, vulnerable, noise):
    cwe = CATEGORIES[cat][0]
    name = f"BulwarkTest{num:05d}"
    pn = name
    members = []
    if cat in SINKS or True:
        pass
    # --- the propagation, placed
    idx = 0
    if prop[0] == "switch":
        idx = rng.choice([0, 2]) if tainted_prop else 1
    plines = propagation_lines(prop, tainted_prop, idx)
    body = []
    if placement == "inline":
        body += plines
    elif placement == "method":
        body.append("String bar = doSomething(request, param);")
        members += ["private static String doSomething(HttpServletRequest request, String param) throws Exception {"] + indent(plines, 2) + [
            "  return bar;", "}"]
    elif placement == "inner":
        body.append("String bar = new Test().doSomething(request, param);")
        members += ["private class Test {", "  public String doSomething(HttpServletRequest request, String param) throws Exception {"] + indent(
            plines, 4) + ["    return bar;", "  }", "}"]
    else:
        body.append("String bar = Step.apply(param);")
        members += ["static final class Step {", "  static String apply(String param) throws Exception {"] + indent(plines, 4) + [
            "    return bar;", "  }", "}"]
    body += sink_lines
    return name, cwe, pn, body, members


def render_servlet(name, cat, pn, source_lines, body, members, noise, wildcard):
    src = [l.replace("{pn}", pn) for l in source_lines]
    main = src + body
    if noise:
        pos = rng.randrange(len(main) + 1)
        main.insert(pos, rng.choice(NOISE))
    method = ["@Override", "public void doPost(HttpServletRequest request, HttpServletResponse response)", "    throws ServletException, IOException {",
              '  response.setContentType("text/html;charset=UTF-8");', "  try {"] + indent(main, 4) + [
        "  } catch (Exception e) {", "    if (e instanceof IOException io) {", "      throw io;", "    }", "    throw new ServletException(e);", "  }", "}"]
    cls = [f'@WebServlet(value = "/{cat}-{int(name[-5:]) // 100:02d}/{name}")', f"public class {name} extends HttpServlet {{",
           "  private static final long serialVersionUID = 1L;", "",
           "  @Override", "  public void doGet(HttpServletRequest request, HttpServletResponse response)",
           "      throws ServletException, IOException {", "    doPost(request, response);", "  }", ""] + indent(method, 2)
    for m in members:
        pass
    if members:
        cls += [""] + indent(members, 2)
    cls.append("}")
    code = "\n".join(cls)
    header = [f"package {CASE_PKG};", ""] + imports_for(code, wildcard) + ["", ""]
    return "\n".join(header) + code + "\n"


def render_spring(name, cat, pn, annotation, body, members, noise, wildcard):
    main = list(body)
    if noise:
        main.insert(rng.randrange(len(main) + 1), rng.choice(NOISE))
    mapping = "PostMapping" if "RequestBody" in annotation else "GetMapping"
    path = f'"/{cat}/{name}/{{{pn}}}"' if "PathVariable" in annotation else f'"/{cat}/{name}"'
    ann = annotation.replace("{pn}", pn)
    cls = ["@RestController", f'@RequestMapping("/spring")', f"public class {name} {{", "",
           f"  @{mapping}({path})",
           f"  public void handle({ann}, HttpServletRequest request, HttpServletResponse response)", "      throws Exception {",
           '    response.setContentType("text/html;charset=UTF-8");'] + indent(main, 4) + ["  }"]
    if members:
        cls += [""] + indent(members, 2)
    cls.append("}")
    code = "\n".join(cls)
    header = [f"package {CASE_PKG};", ""] + imports_for(code, wildcard) + ["", ""]
    return "\n".join(header) + code + "\n"


def generate():
    case_dir = os.path.join(ROOT, "src/main/java", *CASE_PKG.split("."))
    if os.path.isdir(case_dir):
        shutil.rmtree(case_dir)
    os.makedirs(case_dir)
    rows = []
    num = 1
    for cat, (cwe, taint) in CATEGORIES.items():
        for i in range(CASES_PER_CATEGORY):
            wildcard = i % 5 == 4
            noise = rng.random() < 0.5
            spring = taint and i % 6 == 5 and cat not in ("xss",)
            if taint:
                dangerous, safe = SINKS[cat]
                # balance: half true; the false half splits between safe propagation and safe sink
                mode = i % 4
                prop = PROPAGATIONS[(i * 7 + len(cat)) % len(PROPAGATIONS)]
                placement = PLACEMENTS[(i // 2 + len(cat)) % len(PLACEMENTS)]
                if mode in (0, 2):
                    tainted_prop, sink, vulnerable = True, dangerous[i % len(dangerous)], True
                elif mode == 1:
                    tainted_prop, sink, vulnerable = False, dangerous[i % len(dangerous)], False
                else:
                    tainted_prop, sink, vulnerable = True, safe[i % len(safe)], False
                name, cwe, pn, body, members = build_case(num, cat, spring, None, prop, tainted_prop, placement, sink, vulnerable, noise)
                if spring:
                    sname, ann = SPRING_SOURCES[i % len(SPRING_SOURCES)]
                    text = render_spring(name, cat, pn, ann, body, members, noise, wildcard)
                    technique = f"spring-{sname}/{prop[0]}-{'tainted' if tainted_prop else 'safe'}/{placement}"
                else:
                    sname, slines = SERVLET_SOURCES[(i * 3 + len(cat)) % len(SERVLET_SOURCES)]
                    text = render_servlet(name, cat, pn, slines, body, members, noise, wildcard)
                    technique = f"{sname}/{prop[0]}-{'tainted' if tainted_prop else 'safe'}/{placement}"
            else:
                vulnerable = i % 2 == 0
                name = f"BulwarkTest{num:05d}"
                pn = name
                body, members = noncase_body(cat, vulnerable, i)
                sname, slines = SERVLET_SOURCES[(i * 3 + len(cat)) % len(SERVLET_SOURCES)]
                text = render_servlet(name, cat, pn, slines, body, members, noise, wildcard)
                technique = f"{sname}/{cat}-style-{i}"
            with open(os.path.join(case_dir, name + ".java"), "w") as fh:
                fh.write(text)
            rows.append((name, cat, "true" if vulnerable else "false", cwe, technique))
            num += 1
    with open(os.path.join(ROOT, "expectedresults.csv"), "w", newline="") as fh:
        fh.write("# test name, category, real vulnerability, cwe\n")
        w = csv.writer(fh, lineterminator="\n")
        for r in rows:
            w.writerow(r[:4])
    with open(os.path.join(ROOT, "techniques.csv"), "w", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["test", "category", "vulnerable", "technique"])
        for r in rows:
            w.writerow([r[0], r[1], r[2], r[4]])
    res = os.path.join(ROOT, "src/main/resources")
    os.makedirs(res, exist_ok=True)
    with open(os.path.join(res, "suite.properties"), "w") as fh:
        fh.write("# Settings the suite's code reads at run time.\n")
        for k, v in PROPERTIES.items():
            fh.write(f"{k}={v}\n")
    print(f"{len(rows)} cases, {sum(1 for r in rows if r[2] == 'true')} real vulnerabilities")


if __name__ == "__main__":
    generate()
