//! `cinesync:` URLs: pinned URLs from formats.md, parsing, the round trip, the CLI, and a
//! real opening through xdg-open and a throwaway URL-scheme handler.

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use cinesync::commands::{Command, FileMode, ScriptQuery, UrlError, UrlPart};
use proptest::prelude::*;

use crate::util::{cinesync, reference_session, run, stderr, stdout};

fn join(key: &str) -> Command {
    Command::Join { key: key.into() }
}

fn new_session(username: Option<&str>, password: Option<&str>) -> Command {
    Command::NewSession {
        username: username.map(Into::into),
        password: password.map(Into::into),
    }
}

fn file(path: &str, mode: FileMode) -> Command {
    Command::OpenFile {
        path: path.into(),
        mode,
    }
}

fn script(name: &str, query: Option<&str>) -> Command {
    Command::RunScript {
        name: name.into(),
        query: query.map(ScriptQuery::new),
    }
}

/// Asserts that each command builds exactly its URL.
fn assert_urls(cases: &[(Command, &str)]) {
    for (command, expected) in cases {
        assert_eq!(command.to_url().as_deref(), Ok(*expected), "{command:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Building URLs

#[test]
fn join_urls_quote_the_key_keeping_slashes() {
    assert_urls(&[
        (join("ABCD1234"), "cinesync://session/ABCD1234"),
        (join("a_b.c-d"), "cinesync://session/a_b.c-d"),
        (join("my key"), "cinesync://session/my%20key"),
        (join("!#@?"), "cinesync://session/%21%23%40%3F"),
        (join("{key}"), "cinesync://session/%7Bkey%7D"),
        (join("a/b/"), "cinesync://session/a/b/"),
        (join("~+%"), "cinesync://session/%7E%2B%25"),
        (
            join("clé 日本"),
            "cinesync://session/cl%C3%A9%20%E6%97%A5%E6%9C%AC",
        ),
        (join("new/"), "cinesync://session/new/"),
        (join("NEW"), "cinesync://session/NEW"),
    ]);
}

#[test]
fn new_session_urls_follow_the_empty_and_password_rules() {
    assert_urls(&[
        (new_session(None, None), "cinesync://session/new"),
        (
            new_session(Some("ana"), None),
            "cinesync://session/new?username=ana",
        ),
        (
            new_session(Some("ana"), Some("s3cret")),
            "cinesync://session/new?username=ana&password=s3cret",
        ),
        (new_session(None, Some("dropped")), "cinesync://session/new"),
        (
            new_session(Some(""), Some("dropped")),
            "cinesync://session/new",
        ),
        (
            new_session(Some("ana"), Some("")),
            "cinesync://session/new?username=ana",
        ),
        (
            new_session(Some("ana b/c+d@e.com"), Some("p w%#?{}~!é")),
            "cinesync://session/new?username=ana%20b/c%2Bd%40e.com\
             &password=p%20w%25%23%3F%7B%7D%7E%21%C3%A9",
        ),
    ]);
}

#[test]
fn file_urls_quote_plus_the_path() {
    assert_urls(&[
        (
            file("/shows/review 3/a.csc", FileMode::Merge),
            "cinesync://file/merge?path=%2Fshows%2Freview+3%2Fa.csc",
        ),
        (
            file("C:\\Review\\x.csc", FileMode::Replace),
            "cinesync://file/replace?path=C%3A%5CReview%5Cx.csc",
        ),
        (
            file("/x/a+b%20 !#@?{}~é.csc", FileMode::Merge),
            "cinesync://file/merge?path=%2Fx%2Fa%2Bb%2520+%21%23%40%3F%7B%7D%7E%C3%A9.csc",
        ),
        (file(" ", FileMode::Merge), "cinesync://file/merge?path=+"),
    ]);
}

#[test]
fn script_urls_quote_the_name_and_add_the_query_as_given() {
    assert_urls(&[
        (
            script("Export Notes to CSV", None),
            "cinesync://script/Export%20Notes%20to%20CSV",
        ),
        (
            script("a/b!#@?{}~+%é", None),
            "cinesync://script/a/b%21%23%40%3F%7B%7D%7E%2B%25%C3%A9",
        ),
        (
            script("x", Some("a=1&b=%20")),
            "cinesync://script/x?a=1&b=%20",
        ),
        (script("x", Some("")), "cinesync://script/x"),
        (
            script(
                "x",
                Some("a=%7e&b=c+d&e=f/g?h:i@j!k$l'm(n)o*p,q;r~s{t}u|v\\w^x`y"),
            ),
            "cinesync://script/x?a=%7e&b=c+d&e=f/g?h:i@j!k$l'm(n)o*p,q;r~s{t}u|v\\w^x`y",
        ),
    ]);
}

/// What a URL query cannot hold is escaped, so that the URL keeps the whole query; the
/// rest goes in as given.
#[test]
fn script_queries_escape_what_a_url_query_cannot_hold() {
    assert_urls(&[
        (
            script("x", Some("a=1#frag")),
            "cinesync://script/x?a=1%23frag",
        ),
        (script("x", Some("#")), "cinesync://script/x?%23"),
        (
            script("x", Some("as given")),
            "cinesync://script/x?as%20given",
        ),
        (
            script("x", Some("pct=50%&ok=%41%4")),
            "cinesync://script/x?pct=50%25&ok=%41%254",
        ),
        (
            script("x", Some("shot=é&t=日本")),
            "cinesync://script/x?shot=%C3%A9&t=%E6%97%A5%E6%9C%AC",
        ),
        (
            script("x", Some("q=\"<a>\"\t\n")),
            "cinesync://script/x?q=%22%3Ca%3E%22%09%0A",
        ),
    ]);
    let query = ScriptQuery::new("note=take 2#best&pct=50%");
    assert_eq!(query.as_str(), "note=take%202%23best&pct=50%25");
    assert_eq!(
        query.pairs(),
        [
            ("note".to_owned(), "take 2#best".to_owned()),
            ("pct".to_owned(), "50%".to_owned())
        ]
    );
    // The same query, written either way, is the same query.
    assert_eq!(ScriptQuery::new("a b"), ScriptQuery::new("a%20b"));
    assert_eq!(
        Command::parse("cinesync://script/x?a b&c=é"),
        Ok(script("x", Some("a%20b&c=%C3%A9")))
    );
}

#[test]
fn an_empty_key_path_or_name_is_an_error_not_a_url() {
    let empty = |part| Err(UrlError::Empty { part });
    assert_eq!(join("").to_url(), empty(UrlPart::SessionKey));
    assert_eq!(
        file("", FileMode::Replace).to_url(),
        empty(UrlPart::FilePath)
    );
    assert_eq!(script("", Some("a=1")).to_url(), empty(UrlPart::ScriptName));
    assert_eq!(join("new").to_url(), Err(UrlError::ReservedKey));
    assert_eq!(
        join("").to_url().unwrap_err().to_string(),
        "session key: empty"
    );
}

// ---------------------------------------------------------------------------------------
// Parsing URLs

#[test]
fn parsing_accepts_any_valid_escapes() {
    let cases = [
        ("cinesync://session/ABCD1234", join("ABCD1234")),
        ("CINESYNC://Session/ab", join("ab")),
        ("cinesync://session/a%2fb%c3%A9%20", join("a/bé ")),
        ("cinesync://session/a/../b/./c", join("a/../b/./c")),
        ("cinesync://session/a+b", join("a+b")),
        ("  cinesync://session/AB\n", join("AB")),
        ("cinesync://session/new", new_session(None, None)),
        ("cinesync://session/new?", new_session(None, None)),
        (
            "cinesync://session/new?username=a+b%40c",
            new_session(Some("a+b@c"), None),
        ),
        (
            "cinesync://session/new?password=p%21&username=u",
            new_session(Some("u"), Some("p!")),
        ),
        ("cinesync://session/new?password=x", new_session(None, None)),
        (
            "cinesync://session/new?username=&password=x",
            new_session(None, None),
        ),
        (
            "cinesync://session/new?username=u&password=",
            new_session(Some("u"), None),
        ),
        (
            "cinesync://session/new?&username=u&",
            new_session(Some("u"), None),
        ),
        (
            "cinesync://file/merge?path=%2Fa+b%2Bc%2b",
            file("/a b+c+", FileMode::Merge),
        ),
        (
            "cinesync://file/replace?path=/x/y%20z",
            file("/x/y z", FileMode::Replace),
        ),
        ("cinesync://script/Export%20CSV", script("Export CSV", None)),
        ("cinesync://script/x?", script("x", None)),
        ("cinesync://script/x?b=%20&a", script("x", Some("b=%20&a"))),
    ];
    for (url, expected) in cases {
        assert_eq!(Command::parse(url), Ok(expected), "{url}");
    }
}

#[test]
fn the_script_query_is_exposed_raw_and_as_decoded_pairs() {
    let Ok(Command::RunScript {
        query: Some(query), ..
    }) = Command::parse("cinesync://script/x?shot=sh%20010&take=3+b&flag&shot=%C3%A9")
    else {
        panic!("not a script command with a query");
    };
    assert_eq!(query.as_str(), "shot=sh%20010&take=3+b&flag&shot=%C3%A9");
    let pairs: Vec<(&str, &str)> = vec![
        ("shot", "sh 010"),
        ("take", "3 b"),
        ("flag", ""),
        ("shot", "é"),
    ];
    let got = query.pairs();
    let got: Vec<(&str, &str)> = got.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(got, pairs);
}

#[test]
fn parse_errors_name_the_wrong_part() {
    use UrlPart::*;
    let cases = [
        ("not a url", Url, "URL: relative URL without a base"),
        (
            "http://session/A",
            Scheme,
            "scheme: expected `cinesync`, found `http`",
        ),
        (
            "cinesync://play/A",
            Kind,
            "command kind: expected `session`, `file` or `script`, found `play`",
        ),
        (
            "cinesync:session/A",
            Kind,
            "command kind: expected `session`, `file` or `script`, found ``",
        ),
        (
            "cinesync://user@session/A",
            Authority,
            "authority: unexpected `user@session`",
        ),
        (
            "cinesync://session:99/A",
            Authority,
            "authority: unexpected `session:99`",
        ),
        (
            "cinesync://session/A#x",
            Fragment,
            "fragment: unexpected `#x`",
        ),
        ("cinesync://session", SessionKey, "session key: missing"),
        ("cinesync://session/", SessionKey, "session key: empty"),
        (
            "cinesync://session/A%2",
            SessionKey,
            "session key: malformed percent-escape `%2`",
        ),
        (
            "cinesync://session/A%zz1",
            SessionKey,
            "session key: malformed percent-escape `%zz`",
        ),
        (
            "cinesync://session/%FF",
            SessionKey,
            "session key: the decoded bytes are not UTF-8 text",
        ),
        (
            "cinesync://session/%6Eew",
            SessionKey,
            "session key: `new` cannot be joined: its URL starts a new session",
        ),
        ("cinesync://session/A?x=1", Query, "query: unexpected `x=1`"),
        (
            "cinesync://session/new?user=x",
            Parameter,
            "parameter: unexpected `user`",
        ),
        (
            "cinesync://session/new?username=a&username=b",
            Parameter,
            "parameter: `username` is given more than once",
        ),
        (
            "cinesync://session/new?username=%",
            Username,
            "username: malformed percent-escape `%`",
        ),
        (
            "cinesync://session/new?username=u&password=%E9",
            Password,
            "password: the decoded bytes are not UTF-8 text",
        ),
        ("cinesync://file", FileMode, "file mode: missing"),
        ("cinesync://file/", FileMode, "file mode: empty"),
        (
            "cinesync://file/open?path=x",
            FileMode,
            "file mode: expected `merge` or `replace`, found `open`",
        ),
        ("cinesync://file/merge", FilePath, "file path: missing"),
        ("cinesync://file/merge?path=", FilePath, "file path: empty"),
        (
            "cinesync://file/merge?path=%G0",
            FilePath,
            "file path: malformed percent-escape `%G0`",
        ),
        (
            "cinesync://file/merge?path=a&mode=b",
            Parameter,
            "parameter: unexpected `mode`",
        ),
        ("cinesync://script", ScriptName, "script name: missing"),
        ("cinesync://script/", ScriptName, "script name: empty"),
        (
            "cinesync://script/x?a=%",
            Query,
            "query: malformed percent-escape `%`",
        ),
    ];
    for (url, part, message) in cases {
        let error = Command::parse(url).expect_err(url);
        assert_eq!(
            (error.part(), error.to_string().as_str()),
            (part, message),
            "{url}"
        );
    }
}

#[test]
fn commands_serialise_to_the_documented_json() {
    let cases = [
        (join("K 1"), r#"{"command":"join","key":"K 1"}"#),
        (
            new_session(Some("u"), None),
            r#"{"command":"new","username":"u","password":null}"#,
        ),
        (
            file("/a.csc", FileMode::Replace),
            r#"{"command":"file","path":"/a.csc","mode":"replace"}"#,
        ),
        (
            script("s", None),
            r#"{"command":"script","name":"s","query":null}"#,
        ),
        (
            script("s", Some("a=1&b=c+d")),
            r#"{"command":"script","name":"s","query":{"raw":"a=1&b=c+d","pairs":[["a","1"],["b","c d"]]}}"#,
        ),
    ];
    for (command, json) in cases {
        assert_eq!(serde_json::to_string(&command).unwrap(), json);
    }
}

// ---------------------------------------------------------------------------------------
// The round trip

/// Arbitrary non-empty Unicode text, control characters and all.
fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(any::<char>(), 1..24).prop_map(String::from_iter)
}

/// An already-encoded query, as a tool would build one.
fn encoded_query() -> impl Strategy<Value = String> {
    proptest::collection::vec((text(), text()), 1..4).prop_map(|pairs| {
        url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    })
}

/// A query typed by hand: the characters that matter in a query (`#`, space, `&`, `=`,
/// `%` and hex digits to make escapes or near-escapes, `+`), non-ASCII and control
/// characters, anything at all.
fn raw_query() -> impl Strategy<Value = String> {
    let character = prop_oneof![
        prop::sample::select(vec!['#', ' ', '&', '=', '%', '+', '?', '/']),
        prop::sample::select(vec![
            '0',
            '7',
            'a',
            'F',
            'g',
            'é',
            '日',
            '\u{1F600}',
            '\t',
            '\n'
        ]),
        any::<char>(),
    ];
    proptest::collection::vec(character, 1..24).prop_map(String::from_iter)
}

fn query() -> impl Strategy<Value = String> {
    prop_oneof![encoded_query(), raw_query()]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        text()
            .prop_filter("`new` is not a key", |key| key != "new")
            .prop_map(|key| Command::Join { key }),
        proptest::option::of((text(), proptest::option::of(text()))).prop_map(|user| {
            let (username, password) = user.map_or((None, None), |(u, p)| (Some(u), p));
            Command::NewSession { username, password }
        }),
        (text(), any::<bool>()).prop_map(|(path, replace)| Command::OpenFile {
            path,
            mode: if replace {
                FileMode::Replace
            } else {
                FileMode::Merge
            },
        }),
        (text(), proptest::option::of(query())).prop_map(|(name, query)| {
            Command::RunScript {
                name,
                query: query.map(ScriptQuery::new),
            }
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parse_undoes_to_url(command in command()) {
        let url = command.to_url().expect("a non-empty command has a URL");
        prop_assert!(url.is_ascii(), "{}", url);
        prop_assert_eq!(Command::parse(&url), Ok(command));
    }

    #[test]
    fn escaping_a_raw_query_keeps_its_pairs_and_the_whole_of_it(raw in raw_query()) {
        let query = ScriptQuery::new(&raw);
        let as_given: Vec<(String, String)> = url::form_urlencoded::parse(raw.as_bytes())
            .map(|(name, value)| (name.into_owned(), value.into_owned()))
            .collect();
        prop_assert_eq!(query.pairs(), as_given);
        prop_assert_eq!(ScriptQuery::new(query.as_str()), query.clone());
        let url = script("x", Some(&raw)).to_url().expect("a script has a URL");
        prop_assert_eq!(url::Url::parse(&url).ok().and_then(|url| url.query().map(str::to_owned)),
            Some(query.as_str().to_owned()));
    }
}

// ---------------------------------------------------------------------------------------
// The command line

fn assert_output(output: &Output, code: i32, out: &str, err: &str) {
    assert_eq!(
        (
            output.status.code(),
            stdout(output).as_str(),
            stderr(output).as_str()
        ),
        (Some(code), out, err)
    );
}

#[test]
fn url_subcommands_print_the_url_and_a_newline() {
    let cases: [(&[&str], &str); 9] = [
        (&["join", "AB CD/é"], "cinesync://session/AB%20CD/%C3%A9\n"),
        (&["new"], "cinesync://session/new\n"),
        (
            &["new", "--username", "ana@x", "--password", "p w"],
            "cinesync://session/new?username=ana%40x&password=p%20w\n",
        ),
        (&["new", "--username", ""], "cinesync://session/new\n"),
        (
            &["file", "/a b/c+d.csc"],
            "cinesync://file/merge?path=%2Fa+b%2Fc%2Bd.csc\n",
        ),
        (
            &["file", "x.csc", "--replace"],
            "cinesync://file/replace?path=x.csc\n",
        ),
        (
            &["script", "Export CSV"],
            "cinesync://script/Export%20CSV\n",
        ),
        (
            &["script", "x", "--query", "a=1&b=%20"],
            "cinesync://script/x?a=1&b=%20\n",
        ),
        (
            &["script", "x", "--query", "a=1#frag"],
            "cinesync://script/x?a=1%23frag\n",
        ),
    ];
    for (args, url) in cases {
        let output = run(cinesync()
            .arg("url")
            .args(args)
            .env_remove("CINESYNC_PASSWORD"));
        assert_output(&output, 0, url, "");
    }
}

#[test]
fn the_password_can_come_from_the_environment() {
    let output = run(cinesync()
        .args(["url", "new", "--username", "ana"])
        .env("CINESYNC_PASSWORD", "from env!"));
    assert_output(
        &output,
        0,
        "cinesync://session/new?username=ana&password=from%20env%21\n",
        "",
    );
    let output = run(cinesync()
        .args(["url", "new", "--username", "ana", "--password", "flag"])
        .env("CINESYNC_PASSWORD", "from env"));
    assert_output(
        &output,
        0,
        "cinesync://session/new?username=ana&password=flag\n",
        "",
    );
    let output = run(cinesync()
        .args(["url", "new"])
        .env("CINESYNC_PASSWORD", "x"));
    assert_output(&output, 0, "cinesync://session/new\n", "");
    for command in [&["url", "new", "--help"][..], &["new", "--help"]] {
        let help = stdout(&run(cinesync().args(command)));
        assert!(
            help.contains("  CINESYNC_PASSWORD  The password, when --password is not given."),
            "{help}"
        );
    }
}

#[test]
fn a_password_flag_without_a_username_is_a_usage_error() {
    let output = run(cinesync().args(["url", "new", "--password", "x"]));
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("--username <USER>"),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
}

#[test]
fn empty_keys_paths_and_names_exit_2() {
    for args in [&["join", ""][..], &["file", ""], &["script", ""]] {
        let output = run(cinesync().arg("url").args(args));
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert_eq!(stdout(&output), "");
    }
    let output = run(cinesync().args(["url", "join", ""]));
    assert_output(&output, 2, "", "error: session key: empty\n");
    let output = run(cinesync().args(["join", "new", "--print"]));
    assert_output(
        &output,
        2,
        "",
        "error: session key: `new` cannot be joined: its URL starts a new session\n",
    );
}

#[test]
fn url_parse_prints_json_or_exits_1() {
    let output = run(cinesync().args(["url", "parse", "cinesync://session/AB%20CD"]));
    assert_output(&output, 0, "{\"command\":\"join\",\"key\":\"AB CD\"}\n", "");
    let output = run(cinesync().args(["url", "parse", "cinesync://file/replace?path=%2Fa+b"]));
    assert_output(
        &output,
        0,
        "{\"command\":\"file\",\"path\":\"/a b\",\"mode\":\"replace\"}\n",
        "",
    );
    let output = run(cinesync().args(["url", "parse", "cinesync://script/x?a=b"]));
    assert_output(
        &output,
        0,
        "{\"command\":\"script\",\"name\":\"x\",\"query\":{\"raw\":\"a=b\",\"pairs\":[[\"a\",\"b\"]]}}\n",
        "",
    );
    // A `#` in a query is escaped by `url script`, so `url parse` reads the whole query.
    let url = stdout(&run(
        cinesync().args(["url", "script", "x", "--query", "a=1#frag"])
    ));
    let output = run(cinesync().args(["url", "parse", url.trim_end()]));
    assert_output(
        &output,
        0,
        "{\"command\":\"script\",\"name\":\"x\",\"query\":{\"raw\":\"a=1%23frag\",\"pairs\":[[\"a\",\"1#frag\"]]}}\n",
        "",
    );
    let output = run(cinesync().args(["url", "parse", "cinesync://file/merge?path=%zz"]));
    assert_output(
        &output,
        1,
        "",
        "cinesync://file/merge?path=%zz: error: file path: malformed percent-escape `%zz`\n",
    );
}

#[test]
fn print_only_prints() {
    let cases: [(&[&str], &str); 4] = [
        (
            &["join", "KEY 1", "--print"],
            "cinesync://session/KEY%201\n",
        ),
        (
            &["new", "--print", "--username", "u"],
            "cinesync://session/new?username=u\n",
        ),
        (
            &["script", "--print", "s", "--query", "q=1"],
            "cinesync://script/s?q=1\n",
        ),
        (
            &["script", "--print", "s", "--query", ""],
            "cinesync://script/s\n",
        ),
    ];
    for (args, url) in cases {
        // No PATH: were anything opened, the launcher could not even be found.
        let output = run(cinesync().args(args).env_clear());
        assert_output(&output, 0, url, "");
    }
}

#[test]
fn open_checks_the_file_and_names_it_by_its_absolute_path() {
    let session = reference_session("basic.csc");
    let absolute = std::fs::canonicalize(&session).unwrap();
    let expected = cinesync::commands::Command::OpenFile {
        path: absolute.to_str().unwrap().to_owned(),
        mode: FileMode::Replace,
    }
    .to_url()
    .unwrap();
    let output = run(cinesync()
        .args(["open", "--replace", "--print"])
        .arg(&session)
        .env_clear());
    assert_output(&output, 0, &format!("{expected}\n"), "");

    let missing = run(cinesync().args(["open", "--print", "no-such-file.csc"]));
    assert_eq!(missing.status.code(), Some(2));
    assert_eq!(
        stderr(&missing),
        "no-such-file.csc: error: No such file or directory (os error 2)\n"
    );
    assert_eq!(stdout(&missing), "");

    let broken = run(cinesync()
        .args(["open", "--print"])
        .arg(reference_session("broken-namespace.csc")));
    assert_eq!(broken.status.code(), Some(1), "{}", stderr(&broken));
    assert!(stderr(&broken).contains("error: the root element must be `session`"));
    assert_eq!(stdout(&broken), "");
}

#[test]
fn open_print_from_stdin_writes_a_private_copy_and_prints_its_url() {
    use std::io::Write;

    let temp = tempfile::tempdir().unwrap();
    let mut child = cinesync()
        .args(["open", "-", "--print", "--replace"])
        .env("TMPDIR", temp.path())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let xml = std::fs::read(reference_session("basic.csc")).unwrap();
    child.stdin.take().unwrap().write_all(&xml).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "");
    let printed = stdout(&output);
    let url = printed.strip_suffix('\n').unwrap();
    let Ok(Command::OpenFile { path, mode }) = Command::parse(url) else {
        panic!("not a file URL: {url}");
    };
    assert_eq!(mode, FileMode::Replace);
    assert!(path.starts_with(temp.path().to_str().unwrap()), "{path}");
    assert!(path.ends_with("/untitled session.csc"), "{path}");
    let loaded = cinesync::Session::load_path(Path::new(&path)).unwrap();
    assert_eq!(loaded.session.media.len(), 3);
}

// ---------------------------------------------------------------------------------------
// Opening for real: xdg-open and a throwaway cinesync: handler

/// A desktop environment of its own: a `cinesync:` handler registered the way a desktop
/// does it, in temporary XDG folders, that writes the URL it is given to a file.
struct FakeDesktop {
    root: tempfile::TempDir,
}

impl FakeDesktop {
    /// Registers the handler with `xdg-mime`; `None` (after saying so) when xdg-utils is
    /// not installed, except under CI, where that fails the test.
    fn new() -> Option<FakeDesktop> {
        let root = tempfile::Builder::new()
            .prefix("cinesync-xdg")
            .tempdir()
            .unwrap();
        let desktop = FakeDesktop { root };
        for folder in ["home", "data/applications", "config", "none"] {
            std::fs::create_dir_all(desktop.path(folder)).unwrap();
        }
        let handler = desktop.path("handler.sh");
        std::fs::write(
            &handler,
            "#!/bin/sh\n\
             dir=$(dirname \"$0\")\n\
             printf '%s' \"$1\" > \"$dir/received.tmp\" && mv \"$dir/received.tmp\" \"$dir/received\"\n",
        )
        .unwrap();
        make_executable(&handler);
        std::fs::write(
            desktop.path("data/applications/cinesync-test-handler.desktop"),
            format!(
                "[Desktop Entry]\nType=Application\nName=cinesync test handler\n\
                 Exec={} %u\nMimeType=x-scheme-handler/cinesync;\nNoDisplay=true\n",
                handler.display()
            ),
        )
        .unwrap();
        let registered = desktop
            .command("xdg-mime")
            .args([
                "default",
                "cinesync-test-handler.desktop",
                "x-scheme-handler/cinesync",
            ])
            .output();
        match registered {
            Ok(output) => assert!(output.status.success(), "xdg-mime: {}", stderr(&output)),
            Err(error) => {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "xdg-mime (Debian's xdg-utils) is required under CI: {error}"
                );
                eprintln!(
                    "SKIPPED: xdg-mime is not installed ({error}); \
                     install Debian's `xdg-utils` to run the real opening test"
                );
                return None;
            }
        }
        Some(desktop)
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.root.path().join(relative)
    }

    /// A command run in this desktop: xdg-open's generic method (no known desktop, a
    /// display so that it looks up URL-scheme handlers), only these XDG folders, and no
    /// browser to fall back to.
    fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut command = std::process::Command::new(program);
        command
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_DIRS", self.path("none"))
            .env("XDG_CONFIG_DIRS", self.path("none"))
            .env("XDG_CURRENT_DESKTOP", "X-Generic")
            .env("DISPLAY", ":cinesync-test")
            .env("BROWSER", self.path("none/no-browser"));
        command
    }

    /// The URL the handler received, waiting up to ten seconds for it.
    fn received(&self) -> Option<String> {
        let file = self.path("received");
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(url) = std::fs::read_to_string(&file) {
                return Some(url);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

fn make_executable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    #[cfg(not(unix))]
    let _ = path;
}

#[cfg(target_os = "linux")]
#[test]
fn join_opens_the_url_with_the_registered_xdg_handler() {
    let Some(desktop) = FakeDesktop::new() else {
        return;
    };
    let mut command = desktop.command(env!("CARGO_BIN_EXE_cinesync"));
    let output = run(command.args(["join", "AB CD/é+%!"]));
    assert_output(&output, 0, "", "");
    assert_eq!(
        desktop.received().as_deref(),
        Some("cinesync://session/AB%20CD/%C3%A9%2B%25%21"),
        "the handler was not run within ten seconds"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn open_from_stdin_hands_the_handler_a_private_copy() {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    let Some(desktop) = FakeDesktop::new() else {
        return;
    };
    let mut child = desktop
        .command(env!("CARGO_BIN_EXE_cinesync"))
        .env("TMPDIR", desktop.path("home"))
        .args(["open", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let xml = std::fs::read(reference_session("basic.csc")).unwrap();
    child.stdin.take().unwrap().write_all(&xml).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_output(&output, 0, "", "");

    let url = desktop
        .received()
        .expect("the handler was run within ten seconds");
    let Ok(Command::OpenFile { path, mode }) = Command::parse(&url) else {
        panic!("not a file URL: {url}");
    };
    assert_eq!(mode, FileMode::Merge);
    let path = PathBuf::from(path);
    assert_eq!(path.file_name().unwrap(), "untitled session.csc");
    let folder = path.parent().unwrap();
    assert!(
        folder.starts_with(desktop.path("home")),
        "{}",
        folder.display()
    );
    assert_eq!(
        std::fs::metadata(folder).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let loaded = cinesync::Session::load_path(&path).unwrap();
    assert_eq!(loaded.session.media.len(), 3);
}

#[cfg(target_os = "linux")]
#[test]
fn opening_without_any_handler_exits_2() {
    let Some(desktop) = FakeDesktop::new() else {
        return;
    };
    std::fs::remove_file(desktop.path("config/mimeapps.list")).unwrap();
    std::fs::remove_file(desktop.path("data/applications/cinesync-test-handler.desktop")).unwrap();
    let output = run(desktop
        .command(env!("CARGO_BIN_EXE_cinesync"))
        .args(["script", "x"]));
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("error: cannot open cinesync://script/x: "),
        "{}",
        stderr(&output)
    );
    assert_eq!(stdout(&output), "");
}
