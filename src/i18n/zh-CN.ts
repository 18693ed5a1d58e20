/**
 * 简体中文 (zh-CN) catalogue. Keys: see src/i18n/index.ts. Every template keeps
 * exactly the {{placeholders}} of its English source (test/i18n.test.ts).
 * Identifiers, paths, option names and lines the real programs print
 * (nginx, uWSGI, redis, MySQL, docker compose...) stay in English: that is
 * what users see in their logs and search for.
 *
 * Vocabulary (as in the Chinese tutorials users follow): 容器 container,
 * 镜像 image, 服务 service, 宿主机 host, 挂载 mount, 绑定挂载 bind mount,
 * 数据卷 volume, 网络 network, 端口映射 port mapping, 发布端口 published port,
 * 反向代理 reverse proxy, 上游 upstream, 守护进程 daemon, 前台 foreground,
 * 构建 build, 构建上下文 build context, 环境变量 environment variable,
 * 配置文件 config file, 指令 directive/instruction, 监听 listen.
 *
 * A new rule (or message id) needs its templates here: `node scripts/i18n-missing.mjs --english`
 * lists what is missing. English prose a rule passes as data goes through `fixed(en, zh)`
 * (src/engine/rule.ts); test/i18n.test.ts checks the output on every fixture for English left over.
 */

/** Parser and file-reader problems: whole-message pattern → template (`$1`... are the groups). */
const parserPatterns = (): readonly (readonly [RegExp, string])[] => [
  // ---- nginx (src/parsers/nginx/parse.ts)
  [/^unexpected end of file: missing ";" after "(.*)" directive$/s, '文件意外结束：指令 "$1" 后缺少 ";"'],
  [/^missing ";" after "(.*)" directive$/s, '指令 "$1" 后缺少 ";"'],
  [/^too long comment line: nginx reads at most (\d+) bytes per line of comment and fails with "too long parameter"$/s, '注释行过长：nginx 每行注释最多读取 $1 字节，超出时报错 "too long parameter"'],
  [/^unterminated quoted string: no closing (.) before end of file$/s, "引号字符串未结束：直到文件末尾都没有闭合的 $1"],
  [/^unexpected "(.*)" after quoted string: nginx needs a space here$/s, '引号字符串后出现意外的 "$1"：nginx 要求这里有一个空格'],
  [/^too long parameter "(.*)\.\.\.": nginx accepts at most (\d+) bytes per token$/s, '参数 "$1..." 过长：nginx 每个词最多接受 $2 字节'],
  [/^unexpected ";": no directive name before it$/s, '意外的 ";"：它前面没有指令名'],
  [/^unexpected "\{": no directive name before it$/s, '意外的 "{"：它前面没有指令名'],
  [/^blocks nested more than (\d+) levels deep; context is not tracked below this level$/s, "块嵌套超过 $1 层；此层以下不再跟踪上下文"],
  [/^unexpected "\}": no block is open here$/s, '意外的 "}"：这里没有未闭合的块'],
  [/^unexpected end of file, expecting "\}": the "\{" of "(.*)" on line (\d+) is never closed$/s, '文件意外结束，期望 "}"：第 $2 行 "$1" 的 "{" 始终没有闭合'],
  [/^unexpected "\{": "(.*)" does not take a block \(nginx: directive "(.*)" is not terminated by ";"\)$/s, '意外的 "{"："$1" 不能带块（nginx: directive "$2" is not terminated by ";"）'],

  // ---- ini: uWSGI, supervisord, my.cnf (src/parsers/ini/parse.ts)
  [/^section header is not closed with `\]`$/s, "节标题没有用 `]` 闭合"],
  [/^text after `\]` in a section header: uWSGI drops only the last character of the line, so the whole rest becomes part of the section name and the section is ignored$/s, "节标题的 `]` 后还有文字：uWSGI 只去掉行尾最后一个字符，其余部分都成了节名的一部分，整个节被忽略"],
  [/^option name is empty$/s, "选项名为空"],
  [/^section name is empty$/s, "节名为空"],
  [/^line is not `key = value`$/s, "这一行不是 `key = value` 格式"],
  [/^option before the first \[section\] header \(configparser: MissingSectionHeaderError\)$/s, "选项出现在第一个 [section] 节标题之前（configparser: MissingSectionHeaderError）"],
  [/^`!include` without a file name$/s, "`!include` 后没有文件名"],
  [/^`!includedir` without a directory name$/s, "`!includedir` 后没有目录名"],

  // ---- .env (src/parsers/dotenv/parse.ts)
  [/^unexpected character (.+) in variable name$/s, "变量名中有意外的字符 $1"],
  [/^key cannot contain a space$/s, "变量名不能包含空格"],
  [/^variable name starts with a digit: docker compose ignores it$/s, "变量名以数字开头：docker compose 会忽略它"],
  [/^unterminated quoted value$/s, "引号中的值没有结束"],

  // ---- redis.conf (redis' own wording, kept)
  [/^Unbalanced quotes in configuration line$/s, '配置行中的引号不配对（redis: "Unbalanced quotes in configuration line"）'],

  // ---- compose (src/parsers/compose/parse.ts; YAML errors: see translateParserMessage)
  [/^a compose file must be a mapping \(services:, volumes:, \.\.\.\)$/s, "compose 文件的顶层必须是映射（services:、volumes:、...）"],

  // ---- SQL (src/parsers/sql/parse.ts)
  [/^unterminated comment$/s, "注释没有结束"],
  [/^unterminated identifier$/s, "反引号标识符没有结束"],
  [/^unterminated string$/s, "字符串没有结束"],

  // ---- Dockerfile (src/parsers/dockerfile/parse.ts; Docker's own wording kept in quotes)
  [/^only one (.*) parser directive can be used$/s, '解析器指令 $1 只能出现一次（Docker: "only one $1 parser directive can be used"）'],
  [/^invalid escape token '(.*)' does not match ` or \\$/s, "无效的转义字符 '$1'：只能是 ` 或 \\"],
  [/^line continuation "(.*)" at end of file: the instruction continues into nothing$/s, '文件末尾是续行符 "$1"：指令续接到了空内容'],
  [/^unterminated heredoc: no line "(.*)" ends it$/s, 'heredoc 没有结束：没有一行是 "$1"'],
  [/^unknown instruction: "(.*)" \(did you mean "(.*)"\?\)$/s, '未知指令 "$1"（是不是想写 "$2"？）'],
  [/^unknown instruction: "(.*)"$/s, '未知指令 "$1"'],
  [/^when using JSON array syntax, arrays must be comprised of strings only$/s, '使用 JSON 数组写法时，数组中只能是字符串（Docker: "when using JSON array syntax, arrays must be comprised of strings only"）'],
  [/^(\w+) requires at least two arguments, but only one was provided\. Destination could not be determined$/s, '$1 至少需要两个参数，但只给了一个，无法确定目标路径（Docker: "$1 requires at least two arguments, but only one was provided. Destination could not be determined"）'],
  [/^(\w+) requires at least one argument$/s, '$1 至少需要一个参数（Docker: "$1 requires at least one argument"）'],
  [/^(\w+) requires exactly one argument$/s, '$1 只能有一个参数（Docker: "$1 requires exactly one argument"）'],
  [/^SHELL requires the arguments to be in JSON form$/s, 'SHELL 的参数必须写成 JSON 数组（Docker: "SHELL requires the arguments to be in JSON form"）'],
  [/^(\w+) must have two arguments$/s, '$1 必须有两个参数（Docker: "$1 must have two arguments"）'],
  [/^Syntax error - can't find = in "(.*)"\. Must be of the form: name=value$/s, '语法错误："$1" 中没有 =，必须写成 name=value'],
  [/^(\w+) names can not be blank$/s, '$1 的名称不能为空（Docker: "$1 names can not be blank"）'],
  [/^HEALTHCHECK NONE takes no arguments$/s, "HEALTHCHECK NONE 不接受参数"],
  [/^Unknown type "(.*)" in HEALTHCHECK \(try CMD\)$/s, 'HEALTHCHECK 中的类型 "$1" 未知（应为 CMD）'],
  [/^Missing command after HEALTHCHECK CMD$/s, "HEALTHCHECK CMD 后缺少命令"],
  [/^Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed$/s, "不允许 `ONBUILD ONBUILD` 这样链式使用 ONBUILD"],
  [/^(\w+) isn't allowed as an ONBUILD trigger$/s, "$1 不能作为 ONBUILD 的触发指令"],
  [/^invalid name for build stage: "(.*)", name can't start with a number or contain symbols$/s, '构建阶段名 "$1" 无效：名称不能以数字开头，也不能包含符号'],
  [/^FROM requires either one or three arguments$/s, 'FROM 需要一个或三个参数（Docker: "FROM requires either one or three arguments"）'],
  [/^no FROM before (\w+): Docker needs a FROM first \("no build stage in current context"\)$/s, '$1 之前没有 FROM：Docker 要求先有 FROM（"no build stage in current context"）'],
  [/^no instructions: the Dockerfile is empty$/s, "没有任何指令：Dockerfile 是空的"],
  [/^no FROM instruction: the Dockerfile contains no stages to build$/s, "没有 FROM 指令：Dockerfile 中没有可构建的阶段"],

  // ---- shell (src/parsers/shell/parse.ts; bash's own wording kept in quotes)
  [/^unterminated single quote$/s, "单引号没有闭合"],
  [/^unterminated double quote$/s, "双引号没有闭合"],
  [/^unterminated \$' quote$/s, "$' 引号没有闭合"],
  [/^unterminated "(.*)"$/s, '"$1" 没有闭合'],
  [/^here-document delimited by end of file \(wanted "(.*)"\)$/s, 'here-document 直到文件末尾都没有结束（需要一行 "$1"）'],
  [/^syntax error near unexpected token "(.*)" \("if" without "then"\)$/s, '语法错误：意外的记号 "$1" 附近（"if" 缺少 "then"）'],
  [/^syntax error near unexpected token "(.*)" \("(\w+)" without "do"\)$/s, '语法错误：意外的记号 "$1" 附近（"$2" 缺少 "do"）'],
  [/^syntax error near unexpected token "(.*)"$/s, '语法错误：意外的记号 "$1" 附近'],
  [/^unmatched "(.*)"$/s, '"$1" 没有配对'],
  [/^"(.*)" without matching "(.*)"$/s, '"$1" 没有对应的 "$2"'],
  [/^expected "do" after the "for" list$/s, '"for" 列表后应为 "do"'],
  [/^expected "in" after the "case" word$/s, '"case" 的词后应为 "in"'],
  [/^syntax error: unexpected end of file after "(.*)"$/s, '语法错误："$1" 之后文件意外结束'],
  [/^function definition without a body$/s, "函数定义缺少函数体"],

  // ---- Python settings.py (src/parsers/django; CPython's wording kept in quotes)
  [/^(\d+) more syntax problems? not listed$/s, "另有 $1 处语法问题未列出"],
  [/^expected an indented block after '(.*)'$/s, "'$1' 之后应有一个缩进的代码块（Python: \"expected an indented block after '$1'\"）"],
  [/^unexpected indent$/s, '意外的缩进（Python: "unexpected indent"）'],
  [/^expected ':' after '(.*)' header$/s, "'$1' 语句头后应为 ':'"],
  [/^expected a value after '(.*)'$/s, "'$1' 之后应有一个值"],
  [/^expression nested more than (\d+) levels deep; the rest is kept as text$/s, "表达式嵌套超过 $1 层；其余部分按文本保留"],
  [/^'(.)' was never closed \(with (\d+) more unclosed inside it\)$/s, "'$1' 始终没有闭合（其中还有 $2 个未闭合）（Python: \"'$1' was never closed\"）"],
  [/^'(.)' was never closed$/s, "'$1' 始终没有闭合（Python: \"'$1' was never closed\"）"],
  [/^unindent does not match any outer indentation level$/s, '取消缩进与外层任何缩进级别都不匹配（Python: "unindent does not match any outer indentation level"）'],
  [/^unexpected end of file after line continuation$/s, "续行符之后文件意外结束"],
  [/^unexpected character after line continuation$/s, '续行符之后有意外的字符（Python: "unexpected character after line continuation"）'],
  [/^unmatched '(.)'$/s, "'$1' 没有配对（Python: \"unmatched '$1'\"）"],
  [/^invalid character '(.*)' \((U\+[0-9A-F]+)\)$/s, "无效字符 '$1'（$2）"],
  [/^unterminated triple-quoted string literal$/s, "三引号字符串没有结束"],
  [/^unterminated string literal$/s, "字符串字面量没有结束"],

  // ---- reading files and walking directories (src/source, src/discover)
  [/^file is not valid UTF-8 \(nor GBK\); decoded as Latin-1$/s, "文件既不是有效的 UTF-8 也不是 GBK；已按 Latin-1 解码"],
  [/^binary file \(contains NUL bytes\); not linted$/s, "二进制文件（含 NUL 字节）；不检查"],
  [/^not a regular file$/s, "不是普通文件"],
  [/^file is ([\d.]+) MiB, above the ([\d.]+) MiB limit; not linted$/s, "文件大小 $1 MiB，超过 $2 MiB 上限；不检查"],
  [/^cannot read file \((.*)\)$/s, "无法读取文件（$1）"],
  [/^cannot read directory \((.*)\)$/s, "无法读取目录（$1）"],
  [/^broken symbolic link \(or a symlink loop\); not followed$/s, "符号链接已失效（或形成循环）；不跟随"],
  [/^symbolic link points outside the project; not followed$/s, "符号链接指向项目之外；不跟随"],
  [/^more than (\d+) files; the rest are not linted$/s, "文件超过 $1 个；其余的不检查"],
  [/^no such file or directory$/s, "没有这个文件或目录"],
  [/^not a file kind stacklint reads \(compose, Dockerfile, nginx, uWSGI, supervisord, redis, my\.cnf, \.env, shell, settings\.py\)$/s, "stacklint 不读取这类文件（支持 compose、Dockerfile、nginx、uWSGI、supervisord、redis、my.cnf、.env、shell、settings.py）"],
];

/** A YAML library message that no pattern above knows (compose files): shown as quoted program output. */
export const ZH_CN_YAML = 'YAML 语法错误："$1"';

const ENGINE = (): Record<string, string> => ({
  "engine.internalError": "规则 {{rule}} 崩溃了；请报告这个问题（{{error}}）",
  "engine.unusedSuppression": "未使用的 stacklint-disable 指令（这里没有问题需要屏蔽）",
  "engine.unusedSuppressionRules": "未使用的 stacklint-disable 指令（这里没有 {{rules}} 的问题）",
  "parse-error.description": "无法读取或解析的文件（给出准确的行和列）；其他文件照常检查",
  "unused-suppression.description": "没有屏蔽任何问题的 stacklint-disable 指令",
  "internal-error.description": "某条规则崩溃了：这是 stacklint 的缺陷，请报告",

  "summary.problems": "✖ 共 {{total}} 个问题（{{errors}} 个错误，{{warnings}} 个警告，{{infos}} 个提示）",
  "summary.fixable": "  其中 {{fixable}} 个可以用 --fix 自动修复",
  "summary.see": "{{message}} [参见 {{where}}]",
  "compact.problems": "共 {{total}} 个问题",
  "github.see": "参见 {{where}}：{{message}}",
  "github.totals": "stacklint：共 {{total}} 个问题（{{errors}} 个错误，{{warnings}} 个警告，{{infos}} 个提示）",
  "github.overLimit": "；GitHub 每个步骤每种级别最多显示 {{limit}} 条注释：完整列表见作业摘要（job summary）",
  "github.summary.none": "{{files}} 个文件中没有发现问题。",
  "github.summary.total": "在检查的 {{files}} 个文件中发现 **{{total}} 个问题**。",
  "github.summary.header": "| 级别 | 数量 |",
  "github.summary.overLimit": "GitHub 每个步骤每种级别最多显示 {{limit}} 条注释；这里列出了全部问题。",
  "github.summary.tableHeader": "| 级别 | 位置 | 规则 | 说明 |",
  "github.summary.more": "… 另有 {{count}} 个（在本地运行 stacklint，或上传 SARIF，查看全部）。",

  "cli.initExists": "stacklint：{{path}} 已经为这里配置了 stacklint；不再写新的配置文件",
  "cli.initWrote": "stacklint：已写入 {{path}}",
  "cli.baselineWrote": "stacklint：已将 {{count}} 个问题写入 {{path}}",
  "cli.noSuchPath": "没有这个文件或目录：{{path}}",
  "cli.unknownLang": "未知的语言 \"{{lang}}\"：请用 `en` 或 `zh-CN`",
  "cli.langNeedsValue": "--lang 需要一个值：`en` 或 `zh-CN`",
  "cli.internalError": "stacklint：内部错误：{{error}}",
  "cli.stepSummaryFailed": "stacklint：无法把作业摘要写入 {{path}}：{{error}}",

  "explain.format.full": "{{message}}；检查：{{check}}",
  "explain.format.log": "日志",
  "explain.format.cause": "原因",
  "explain.format.check": "检查",
  "explain.format.config": "配置",
  "explain.format.note": "备注",
  "explain.format.line": "第 {{line}} 行：",
  "explain.format.repeated": "×{{count}}，第 {{first}}–{{last}} 行",
  "explain.format.services": "{{count}} 个服务：{{services}}",
  "explain.format.total": "✖ 在 {{lines}} 行日志中识别出 {{total}} 个已知故障（{{errors}} 个错误，{{warnings}} 个警告）",
  "explain.format.addProject": "  加上 --project DIR 可以看到导致它们的配置行",
  "explain.format.none": "在 {{lines}} 行日志中没有识别出已知故障。",
  "explain.format.unrecognised": "像是错误但没有匹配任何已知特征的行（{{count}} 种）：",
  "explain.format.unrecognisedMore": "像是错误但没有匹配任何已知特征的行（{{count}} 种，另有 {{more}} 种未列出）：",
  "explain.format.unrecognisedLine": "第 {{line}} 行：",
  "explain.format.unrecognisedLineCount": "第 {{line}} 行（×{{count}}）：",
  "explain.format.report": "  如果其中有 stacklint 应该认识的故障，请连同这一行一起报告给我们。",
  "explain.format.noUnrecognised": "没有未识别的错误行。",
  "explain.format.compactTotal": "共 {{total}} 个已知故障",
  "explain.locateFailed": "stacklint 无法把这个问题对应到配置（{{error}}）；请报告这个问题",
});

// ---------------------------------------------------------------- help, rule and explain texts

/** `stacklint --help` and `stacklint explain --help` (the option lists follow src/cli/args.ts and src/cli/explain-command.ts). */
const HELP_TEXTS = (): Record<string, string> => ({
  "cli.help": `用法：stacklint [路径...] [选项]
      stacklint rules [--format json]
      stacklint explain [日志文件|-] [--project 目录] [--format stylish|json|github|compact]
                        [--verbose]   解释一份错误日志（见 stacklint explain --help）
      stacklint graph [路径...] [--format mermaid|dot|json|html] [-o 文件]
                                      画出整个部署栈（见 stacklint graph --help）

把一个小型部署栈作为整体检查，各文件联系起来一起读：docker-compose（含
override 文件和 .env）、Dockerfile、nginx、uWSGI、supervisord、redis.conf、
my.cnf、shell 入口脚本、.env 文件以及 Django 的 settings.py。默认路径："."

选项：
  -f, --format <名称>    stylish（默认）、json、compact、sarif（SARIF 2.1.0）、
                         github（GitHub Actions 注释 + 作业摘要）、
                         html（单个自包含页面：部署栈示意图 + 问题列表）
  -c, --config <文件>    配置文件（默认：从当前目录向上查找
                         stacklint.config.json、.stacklintrc.json 或
                         package.json 中的 "stacklint"）
  --no-config            忽略配置文件
  --rule <id:级别>       设置规则的级别：off、info、warning、error
                         （可重复使用）
  --max-warnings <n>     警告数超过 n 时以退出码 1 退出
  --quiet                只报告错误
  --baseline <文件>      只报告不在这个基线文件中的问题
  --write-baseline <文件>
                         把当前的问题记录为可接受的基线
  --fix                  应用安全的自动修复
  --fix-dry-run          以 diff 形式打印安全修复，不修改任何文件
  -o, --output-file <文件>
                         把报告写入文件而不是标准输出
  --color / --no-color   强制开启或关闭颜色（遵循 NO_COLOR）
  --lang <en|zh-CN>      消息、帮助和汇总的语言（默认取自 LC_ALL、
                         LC_MESSAGES 或 LANG：zh_CN.UTF-8 → zh-CN）
  -v, --version          打印版本号
  --init                 在当前目录写一个初始的 stacklint.config.json（不会
                         覆盖已有的配置）
  -h, --help             打印这份帮助

退出码：0 没有错误，1 发现错误（或警告过多），2 用法错误或内部故障。
在文件自己的注释中屏蔽某个问题：
  # stacklint-disable-next-line <规则-id> -- 原因
  # stacklint-disable-line <规则-id>      # stacklint-disable-file <规则-id>
`,
  "cli.explainHelp": `用法：stacklint explain [日志文件|-] [选项]

读取一份错误日志，逐个解释其中的已知故障：一句话说明原因、应该检查什么，
如果给出了项目，还会指出导致故障的配置行。能读取 nginx 的错误/访问日志、
uWSGI、gunicorn、redis、MySQL/MariaDB、supervisord、\`docker compose up\`/\`logs\`
的输出（服务名前缀、颜色）、docker build 的输出、bash 和 Django 的 traceback；
可以任意混合，大小不限（日志以流的方式读取）。日志文件为 "-"（或不写，
并通过管道输入）时读取标准输入。

选项：
  --project <目录>       用这个项目的配置来解释故障（默认：当前目录中有
                         compose 文件时就用当前目录）
  --format <名称>        stylish（默认）、json、github、compact
  --verbose              同时列出像是错误、但没有匹配任何已知特征的行
                         （便于报告新的故障）
  --color / --no-color   强制开启或关闭颜色（遵循 NO_COLOR）
  --lang <en|zh-CN>      解释使用的语言（默认取自 LC_ALL、LC_MESSAGES
                         或 LANG）
  -h, --help             打印这份帮助

退出码：0 没有识别出已知故障，1 识别出已知故障，2 用法错误（文件不存在、
选项错误）或内部故障。
`,
});

/** Rule messages (`<ruleId>.<messageId>`) and descriptions (`<ruleId>.description`). */
const RULE_TEXTS = (): Record<string, string> => ({
  "add-header-redefinition.description": "嵌套块中的 `add_header` 会让外层所有 `add_header` 失效（nginx 只在块内没有 add_header 时才继承外层的）",
  "add-header-redefinition.dropped": "这条 `add_header` 使 nginx 丢弃了 {{level}} 级设置的 {{count}} 个响应头（{{names}}）：只有自身没有 add_header 的块才会继承外层的 add_header，所以这个 {{block}} 的响应里缺少它们；请在这里重复写一遍（或移到一个 include 的片段里），或在 nginx ≥ 1.29.3 上使用 `add_header_inherit merge;`",
  "add-header-redefinition.outer": "`{{name}}` 在这里设置，但在嵌套块中被丢弃",

  "add-instead-of-copy.add": "`ADD {{src}}` 复制的是本地路径：ADD 还会下载 URL，并且会悄悄解压 tar 归档，一旦来源是归档文件，同一行就会做另一件事；普通文件和目录请用 `COPY`",
  "add-instead-of-copy.description": "用 ADD 复制本地文件或目录，而 COPY 才是本意",

  "alias-prefix-overmatch.alias": "前缀被替换成这个 alias",
  "alias-prefix-overmatch.description": "不带结尾斜杠的前缀 `location /static { alias /x/static; }` 也会把 `/static_backup/...` 映射到 `/x/static_backup/` 对外提供",
  "alias-prefix-overmatch.overmatch": "`location {{path}}` 匹配所有以 `{{path}}` 开头的 URI，nginx 会把这个前缀替换为 `{{alias}}`：`{{path}}_backup/x` 会从 `{{alias}}_backup/x` 读取，因此 alias 旁边名字以相同字符开头的兄弟目录都被公开了；请让两者都以斜杠结尾（`location {{path}}/ { alias {{alias}}/; }`）",

  "alias-traversal.alias": "以 `/` 结尾的 alias",
  "alias-traversal.description": "不带结尾斜杠的前缀 `location`，其 `alias` 却以 `/` 结尾：`/static../` 会读到上一级目录（路径穿越）",
  "alias-traversal.traversal": "`location {{path}}` 没有结尾斜杠，但它的 alias `{{alias}}` 以 `/` 结尾：请求 `{{path}}../secret` 会从 `{{alias}}../secret` 读取，也就是 alias 的上一级目录（路径穿越）；请写成 `location {{path}}/`，让 location 和 alias 都以 `/` 结尾",

  "allowed-hosts-vs-server-name.description": "Django 的 ALLOWED_HOSTS 不包含 nginx 转发的 Host 请求头（server_name，或 proxy_pass 默认发送的上游名）",
  "allowed-hosts-vs-server-name.missing": "ALLOWED_HOSTS（{{allowed}}）不包含 `{{host}}`，而这是 Django 经由 nginx 收到的 Host 请求头（{{how}}）：每个请求都得到 400 Bad Request，Django 日志为 \"Invalid HTTP_HOST header: '{{host}}'. You may need to add '{{host}}' to ALLOWED_HOSTS.\"{{advice}}",
  "allowed-hosts-vs-server-name.source": "nginx 在这里发送这个 Host",
  "allowed-hosts-vs-server-name.upstreamName": "`{{host}}`（上游名）对 Django 来说不是合法的主机名：\"Invalid HTTP_HOST header: '{{host}}'. The domain name provided is not valid according to RFC 1034/1035.\" —— 每个请求都得到 400；请加上 `proxy_set_header Host $host;`",

  "apt-hygiene.aptCli": "`apt` 是交互式前端：在脚本中它会警告 \"WARNING: apt does not have a stable CLI interface. Use with caution in scripts.\"，而且行为可能随版本变化；请使用 `apt-get`",
  "apt-hygiene.description": "Dockerfile RUN 中的 apt 用法：用了 `apt` 而不是 `apt-get`、缺少 `-y`、`update` 在另一层、软件包列表没有删除、安装了推荐包",
  "apt-hygiene.listsRemoved": "`{{tool}} install` 在软件包列表被删除之后运行（第 {{line}} 行）：apt 没有列表可用，报错 \"E: Unable to locate package\"；请在这条 RUN 中先执行 `apt-get update &&`",
  "apt-hygiene.noCleanup": "`apt-get update` 下载的软件包列表（几十 MB）没有在这条 RUN 中删除，会永久留在镜像层里；请在 RUN 末尾加上 `&& rm -rf /var/lib/apt/lists/*`",
  "apt-hygiene.noLists": "`{{tool}} install` 之前没有 `apt-get update`：`{{base}}` 镜像不带软件包列表，apt 会报错 \"E: Unable to locate package\"；请在这条 RUN 中先执行 `apt-get update &&`",
  "apt-hygiene.noRecommends": "`{{tool}} install` 没有加 `--no-install-recommends`，会把所有推荐包也装上（往往是应用根本用不到的几百 MB）；请加上 `--no-install-recommends`，并列出真正需要的包",
  "apt-hygiene.noYes": "`{{tool}} {{sub}}` 没有加 `-y`，会询问 \"Do you want to continue? [Y/n]\"，在构建中读到文件结束后以 \"Abort.\" 退出（这条 RUN 失败）；请加上 `-y`",
  "apt-hygiene.removedHere": "软件包列表在这里被删除",
  "apt-hygiene.separateUpdate": "`{{tool}} install` 与 `apt-get update`（第 {{line}} 行）不在同一层：Docker 会一直复用缓存的 `apt-get update` 层，一旦这一行改变，软件包列表就已过期（\"E: Unable to locate package\"、\"404 Not Found\"），而且列表会留在镜像里；请合并成一条 RUN：`apt-get update && apt-get install -y ... && rm -rf /var/lib/apt/lists/*`",
  "apt-hygiene.updateHere": "`apt-get update` 在这里运行，位于单独的一层",

  "base-image-package.base": "基础镜像",
  "base-image-package.description": "基础镜像的 Debian/Ubuntu 版本中不存在的 apt 软件包（bookworm 上的 `netcat`，Ubuntu ≥ 20.04 上的 `python-pip`）",
  "base-image-package.missing": "`{{pkg}}` 在 {{releases}}（`{{image}}` 的基础系统）上没有可安装的候选版本：构建会停止并报错 \"E: Package '{{pkg}}' has no installation candidate\"；请安装 {{instead}}",

  "bind-mount-hides-image.changed": "`{{command}}` 在镜像中修改了 {{path}}；绑定挂载把它遮住了",
  "bind-mount-hides-image.description": "绑定挂载覆盖了 Dockerfile 在构建时修改过的路径（sed -i、chmod、chown、collectstatic）：容器看到的是宿主机上的文件",
  "bind-mount-hides-image.hides": "绑定挂载 {{source}} → {{target}} 遮住了 Dockerfile 在构建时对这里做的修改（{{what}}）：容器看到的是宿主机上未修改的文件，这些构建步骤在运行时不起作用",

  "body-size-mismatch.description": "nginx 的 client_max_body_size（默认 1m）小于 Django 应用接受的上传大小",
  "body-size-mismatch.settings": "应用的上限",
  "body-size-mismatch.smaller": "nginx 接受的请求体最大为 {{nginx}}（{{how}}），但 \"{{service}}\" 接受 {{what}}：更大的上传根本到不了 Django —— nginx 返回 413 Request Entity Too Large，日志为 \"client intended to send too large body\"；请为这个 location 调大 `client_max_body_size`",

  "build-and-image.both": "服务 \"{{service}}\" 同时有 `build:` 和 `image: {{image}}`：compose 会把构建出的镜像标记为 `{{image}}`，但 `docker compose up` 会直接复用本地同名镜像而不重新构建（除非加 `--build`），`docker compose pull` 还会从镜像仓库拉取 `{{image}}` 覆盖你的构建；如果镜像名就是为了推送到仓库而给构建打的标签，这没问题，否则两者只保留一个",
  "build-and-image.description": "服务同时写了 `build:` 和 `image:`（镜像名成为构建的标签，但 `docker compose pull` 和 `up` 也把它当作仓库镜像）",

  "cap-add-all.cap": "`cap_add: {{cap}}`（服务 {{services}}）{{what}}；只添加程序真正需要的能力（例如 `NET_ADMIN`、`NET_BIND_SERVICE`），最好先 `cap_drop: [ALL]`",
  "cap-add-all.description": "`cap_add: ALL` 或 `SYS_ADMIN`：容器中的 root 可以逃逸到宿主机",

  "cd-in-run.cd": "`cd {{dir}}` 只在这条 RUN 中有效：下一条 RUN、COPY 以及容器的 CMD 又会从 WORKDIR 开始，下一行用相对路径时很容易忘记这一点；请使用 `WORKDIR {{dir}}`（它还会创建该目录）",
  "cd-in-run.description": "用 `RUN cd dir && ...` 代替 `WORKDIR dir`",

  "compose-schema.badName": "`{{key}}` 不是合法的名称（只能包含字母、数字、`.`、`_`、`-`）：docker compose 拒绝加载该文件（`{{path}} additional properties '{{key}}' not allowed`）",
  "compose-schema.description": "Compose 规范不允许的 compose 文件键或值类型（拼写错误、v1 格式、该写映射的地方写了列表）：docker compose 会拒绝整个文件",
  "compose-schema.legacyKey": "`{{key}}` 属于旧的 v1/v2 文件格式，不在 Compose 规范中：当前的 docker compose 会拒绝该文件（`{{path}} additional properties '{{key}}' not allowed`；旧版本只是警告）；请改用 {{replacement}}",
  "compose-schema.unknownKey": "这里不允许出现 `{{key}}`：docker compose 拒绝加载该文件（`{{path}} additional properties '{{key}}' not allowed`）{{hint}}",
  "compose-schema.wrongKind": "`{{path}}` 必须是{{expected}}，而不是{{actual}}：docker compose 拒绝加载该文件（报错为 `{{path}} must be ...`）{{hint}}",

  "compose-version-obsolete.description": "compose 文件顶层的 `version:`：Compose v2 会忽略它并警告其已过时",
  "compose-version-obsolete.obsolete": "`version: {{value}}` 已过时：docker compose v2 会忽略它（无论写的是几，总是使用 Compose 规范），并且每条命令都会警告（\"the attribute `version` is obsolete, it will be ignored, please remove it to avoid potential confusion\"）；请删除这一行",

  "container-name-with-scale.count": "这里要求 {{count}} 个容器",
  "container-name-with-scale.description": "在 `deploy.replicas` 或 `scale` 大于 1 的服务上设置了 `container_name`：容器名必须唯一",
  "container-name-with-scale.scaled": "服务 \"{{service}}\" 设置了 `container_name: {{name}}`，又要求 {{count}} 个容器（{{key}}）：容器名必须唯一，所以 docker compose 拒绝这个项目（`services.deploy.replicas: can't set container_name and {{service}} as container name must be unique: invalid compose project`）；请删除 `container_name`（其他服务本来就能通过服务名访问它），或只运行一个副本",

  "credentials-mismatch.database": "{{client}} 使用数据库 `{{database}}`，但镜像创建的是 `{{expected}}`（{{variable}}），也没有初始化脚本创建它：\"Unknown database '{{database}}'\"",
  "credentials-mismatch.description": "客户端使用的用户名、密码或数据库与数据库或 redis 服务的设置不一致",
  "credentials-mismatch.noPassword": "{{client}} 不带密码连接 {{target}}，但 redis 要求密码（`requirepass`）：每条命令都会失败并返回 \"NOAUTH Authentication required.\"",
  "credentials-mismatch.password": "{{client}} 以 `{{user}}` 身份连接 {{target}}，但使用的密码与 {{server}} 为该用户设置的密码（{{variable}}）不同：服务器会返回 \"{{error}}\"；请让两边取自同一个变量",
  "credentials-mismatch.server": "服务端在这里设置",
  "credentials-mismatch.user": "{{client}} 以 `{{user}}` 身份连接 {{target}}，但镜像只创建了 `{{expected}}`（{{variable}}）和 root：\"Access denied for user '{{user}}'\"",
  "credentials-mismatch.wrongRedisPassword": "{{client}} 发送的密码与 redis 的 `requirepass` 不同：\"WRONGPASS invalid username-password pair or user is disabled.\"",

  "crlf-fix-wrong.description": "并不能去掉 `\\r` 的换行符“修复”（`sed 's/r//'`、`tr -d 'r'`）",
  "crlf-fix-wrong.sed": "`sed '{{script}}'` 删除的是每行第一个字母 \"r\"（`makemigrations` 变成 `makemigations`），而不是它想删除的回车符：`\\r` 少了反斜杠；请使用 `sed -i 's/\\r$//'`",
  "crlf-fix-wrong.tr": "`tr -d '{{chars}}'` 删除的是所有字母 \"r\"，而不是回车符：请使用 `tr -d '\\r'`",

  "csrf-behind-https-proxy.description": "HTTPS 在 nginx 终止，nginx 以明文 HTTP 反向代理到 Django，却没有 X-Forwarded-Proto + SECURE_PROXY_SSL_HEADER 或 CSRF_TRUSTED_ORIGINS：每个 POST 都无法通过 CSRF 来源检查",
  "csrf-behind-https-proxy.origin": "nginx 为 {{origin}} 终止 HTTPS，并以明文 HTTP 代理到 \"{{service}}\"，但 {{missing}}：Django 以为请求是 http://，拒绝每个表单 POST，返回 403 \"Origin checking failed - {{origin}} does not match any trusted origins.\"（Django ≥ 4.0）；请在这里加上 `proxy_set_header X-Forwarded-Proto $scheme;`，并在 settings 中设置 `SECURE_PROXY_SSL_HEADER = (\"HTTP_X_FORWARDED_PROTO\", \"https\")`，或把该来源加入 CSRF_TRUSTED_ORIGINS",
  "csrf-behind-https-proxy.settings": "Django 的 settings",

  "database-port-published.description": "数据库/缓存/消息队列端口（3306、5432、6379、27017、11211、9200、5672）发布在宿主机的所有网卡上",
  "database-port-published.published": "服务 \"{{service}}\" 的 {{db}} 端口 {{port}} 发布在宿主机的所有网卡上：任何能访问这台主机的人都可以尝试登录（Docker 的 iptables 规则会绕过 ufw/firewalld），而其他容器并不需要它：它们通过 compose 网络访问 \"{{service}}:{{port}}\"；请删除这个端口映射，或为宿主机上的工具只绑定到回环地址（`127.0.0.1:{{hostPort}}:{{port}}`）",

  "depends-on-unknown.dependency": "服务 \"{{service}}\" {{how}} \"{{target}}\"，但这个配置的 compose 文件中都没有定义服务 \"{{target}}\"：docker compose 拒绝启动任何容器（`service \"{{service}}\" depends on undefined service \"{{target}}\": invalid compose project`）{{hint}}",
  "depends-on-unknown.description": "`depends_on` / `links` / `volumes_from` / `network_mode: service:` / `extends` 引用了 compose 配置中没有定义的服务",
  "depends-on-unknown.extends": "服务 \"{{service}}\" 通过 `extends` 继承 \"{{target}}\"，但{{where}}服务 \"{{target}}\"：docker compose 拒绝加载这个项目{{hint}}",

  "depends-on-without-wait.description": "应用在启动时迁移数据库，却在数据库能接受连接之前就启动了（没有 `healthcheck` 条件，脚本里也没有等待）",
  "depends-on-without-wait.noWait": "\"{{app}}\" 启动时运行 `{{step}}` 并连接 \"{{db}}\"，但{{why}}：`depends_on` 只等容器启动，不等 {{db}} 能接受连接，所以第一次启动会失败（\"Can't connect to MySQL server on '{{db}}' (111)\" / \"Connection refused\"）；请给 \"{{db}}\" 加上 `healthcheck`，并使用 `depends_on: {{db}}: condition: service_healthy`",
  "depends-on-without-wait.step": "在这里启动",

  "django-allowed-hosts-placeholder.description": "ALLOWED_HOSTS 中还是教程里的占位符（`your_server_IP`、`yourdomain.com`、`example.com`），或者在 DEBUG 为 False 时为空：每个请求都得到 400",
  "django-allowed-hosts-placeholder.empty": "DEBUG 为 False（第 {{debugLine}} 行）时 ALLOWED_HOSTS 为空：Django 对每个请求都返回 400 Bad Request（\"Invalid HTTP_HOST header\"），`runserver` 也拒绝启动（\"CommandError: You must set settings.ALLOWED_HOSTS if DEBUG is False.\"）；请列出访问网站使用的域名 / IP 地址",
  "django-allowed-hosts-placeholder.placeholder": "ALLOWED_HOSTS 中有占位符 \"{{host}}\"{{more}}：只要请求的 Host 头不在列表中，Django 都返回 400 Bad Request（\"Invalid HTTP_HOST header: '203.0.113.5'. You may need to add '203.0.113.5' to ALLOWED_HOSTS.\"），与 DEBUG 无关；请填写访问网站实际使用的域名 / IP 地址",

  "django-debug-misspelt.description": "settings 中的赋值名是大小写写错的 Django 设置（`Debug = False`、`allowed_hosts = [...]`）：Django 只读取大写的名字，会忽略它",
  "django-debug-misspelt.misspelt": "`{{name}}` 不是 `{{setting}}`：Django 只从 settings 读取大写的名字，会悄悄忽略这一个，所以 {{setting}} {{effect}}；请改名为 `{{setting}}`",

  "django-secret-key-literal.description": "SECRET_KEY 回退到写在 settings 中的密钥（`os.environ.get(\"SECRET_KEY\", \"...\")`），而使用这份 settings 的容器没有设置该变量（值不会显示）",
  "django-secret-key-literal.fallback": "SECRET_KEY 回退到了{{what}}（值已隐藏），因为容器 {{services}} 没有设置 {{variable}}：Django 用一个任何能看到代码仓库的人都知道的密钥来签名会话、密码重置链接和 CSRF 令牌；请在容器的环境变量中设置 {{variable}}（compose 的 `environment:` 或不提交到仓库的 `env_file`）并去掉默认值，这样缺少变量时会明确报错",

  "docker-socket.description": "绑定挂载 Docker 套接字（/var/run/docker.sock）：谁控制了这个容器，谁就控制了宿主机",
  "docker-socket.socket": "服务 \"{{service}}\" 挂载了 Docker 套接字 `{{source}}`：谁控制了这个容器，谁就控制了 Docker 守护进程，进而控制宿主机（离 root 只差一条 `docker run --privileged -v /:/host`；`:ro` 也没用，通过只读挂载的套接字 API 依然可写）；请删除这个挂载，或在中间加一个只放行所需 API 调用的套接字代理",

  "duplicate-published-port.description": "两个服务（或两个条目）在重叠的地址上发布同一个宿主机端口：第二个容器无法启动",
  "duplicate-published-port.duplicate": "宿主机端口 {{port}}/{{protocol}} 已被服务 \"{{other}}\" 发布：第二个容器启动失败（`Bind for {{ip}}:{{port}} failed: port is already allocated`）；请发布另一个宿主机端口，或去掉其中一个端口映射",
  "duplicate-published-port.first": "第一次在这里发布",
  "duplicate-published-port.overlap": "{{ip}} 上的宿主机端口 {{port}}/{{protocol}} 与服务 \"{{other}}\" 在 {{otherIp}} 上发布的同一端口重叠：一个地址覆盖了另一个，后启动的容器会失败（`bind: address already in use`）；请发布另一个宿主机端口，或使用两个不同的具体地址",
  "duplicate-published-port.sameService": "宿主机端口 {{port}}/{{protocol}} 被服务 \"{{other}}\" 发布了两次：容器启动失败（`Bind for {{ip}}:{{port}} failed: port is already allocated`）；每个宿主机端口只保留一个映射",

  "entrypoint-not-executable.bindPid1": "{{script}} 在宿主机上没有可执行权限（权限 {{mode}}），而容器 \"{{service}}\" 通过绑定挂载 {{source}} → {{target}} 直接运行它，挂载进来的是宿主机文件及其权限{{hidden}}：容器无法启动（\"exec: \\\"{{written}}\\\": permission denied\"，退出码 126）；请执行 `chmod +x {{script}}` 并提交权限变更（`git update-index --chmod=+x {{script}}`），或用 `sh {{written}}` 启动它",
  "entrypoint-not-executable.bindShell": "{{script}} 在宿主机上没有可执行权限（权限 {{mode}}），而容器 \"{{service}}\" 通过绑定挂载 {{source}} → {{target}} 直接运行它，挂载进来的是宿主机文件及其权限{{hidden}}：启动它的 shell 报错 \"{{written}}: Permission denied\"（退出码 126）；请执行 `chmod +x {{script}}` 并提交权限变更（`git update-index --chmod=+x {{script}}`），或用 `sh {{written}}` 启动它",
  "entrypoint-not-executable.chmod": "这个 chmod 修改的是镜像中的副本，而绑定挂载把它遮住了",
  "entrypoint-not-executable.copied": "在这里复制进镜像，保留原权限",
  "entrypoint-not-executable.copyPid1": "{{script}} 没有可执行权限（权限 {{mode}}），Dockerfile 原样复制它，之后也没有任何步骤让它可执行，而容器 \"{{service}}\" 直接运行它：容器无法启动（\"exec: \\\"{{written}}\\\": permission denied\"，退出码 126）；请在 COPY 之后加上 `RUN chmod +x {{containerPath}}`（或用 `COPY --chmod=755`），用 `git update-index --chmod=+x {{script}}` 提交权限，或用 `sh {{written}}` 启动它",
  "entrypoint-not-executable.copyShell": "{{script}} 没有可执行权限（权限 {{mode}}），Dockerfile 原样复制它，之后也没有任何步骤让它可执行，而容器 \"{{service}}\" 直接运行它：启动它的 shell 报错 \"{{written}}: Permission denied\"（退出码 126）；请在 COPY 之后加上 `RUN chmod +x {{containerPath}}`（或用 `COPY --chmod=755`），用 `git update-index --chmod=+x {{script}}` 提交权限，或用 `sh {{written}}` 启动它",
  "entrypoint-not-executable.description": "容器直接运行的脚本（`./start.sh`、`CMD [\"/start.sh\"]`）在容器看到的位置没有可执行权限（从宿主机绑定挂载，或 COPY 后没有 chmod）",
  "entrypoint-not-executable.mount": "挂载宿主机文件的绑定挂载",
  "entrypoint-not-executable.runBy": "容器 \"{{service}}\" 在这里运行它",

  "env-interpolation.containerVariable": "`${{name}}` 在容器运行之前就被 docker compose 替换了，而 .env 没有设置它，所以命令拿到的是 \"\" —— 容器自己的 `{{name}}` 根本用不上；请写成 `$${{name}}`，留给容器内的 shell 去展开",
  "env-interpolation.description": "compose 文件中的 `${VAR}` 在项目的 .env 中没有值，也没有默认值",
  "env-interpolation.noEnvFile": "这里用到的 {{count}} 个变量（{{names}}）没有值：compose 文件旁边没有 .env{{hint}}，所以除非 shell 导出了它们，docker compose 对每个变量都使用 \"\"（\"The \\\"{{first}}\\\" variable is not set\"）",
  "env-interpolation.required": "`{{name}}` 是必填的（`?`），但 .env 中没有设置：除非 shell 导出了它，否则 `docker compose up` 会停止并报错 \"required variable {{name}} is missing a value\"",
  "env-interpolation.unset": "`{{name}}` 没有在 .env 中设置，也没有默认值：docker compose 会警告 'The \"{{name}}\" variable is not set. Defaulting to a blank string.' 并使用 \"\"；请在 .env 中定义它，或写成 `${{{name}}:-default}`",

  "env-legacy-format.description": "`ENV key value`：旧式的以空白分隔的 ENV 写法",
  "env-legacy-format.legacy": "`ENV {{key}} ...` 是旧式写法（BuildKit 会警告 \"'ENV key=value' should be used instead of legacy 'ENV key value' format\"）：它把整行剩余部分设为一个变量的值，所以 `ENV A 1 B 2` 会把 A 设为 `1 B 2`；请写成 `ENV {{key}}=...`",

  "exec-form-shell-operators.description": "exec 形式的 CMD/ENTRYPOINT/RUN 写得像 shell 命令行（`&&`、`|`、`$VAR`、一个带空格的字符串）：根本没有 shell 来运行它",
  "exec-form-shell-operators.operator": "exec 形式的 {{keyword}} 直接运行 `{{prog}}`，不经过 shell：`{{op}}` 只是作为普通参数传给它，不会连接或重定向任何东西；请改用 shell 形式（`{{keyword}} a {{op}} b`）或 `[\"sh\", \"-c\", \"a {{op}} b\"]`",
  "exec-form-shell-operators.operatorEnv": "exec 形式的 {{keyword}} 直接运行 `env`，不经过 shell：`env` 设置好变量后会尝试把 `{{op}}` 当作程序运行（\"env: '{{op}}': No such file or directory\"，退出码 127）；请去掉 `{{op}}`（`[\"env\", \"NAME=value\", \"prog\", ...]`）或改用 shell 形式",
  "exec-form-shell-operators.spaces": "exec 形式的 {{keyword}} 把 `{{arg}}`（连同空格）当作一个程序名：{{what}}会失败，报错 `exec: \"{{arg}}\": executable file not found in $PATH`；请把每个参数写成单独的字符串：`{{split}}`",
  "exec-form-shell-operators.spacesShell": "exec 形式的 {{keyword}} 把 `{{arg}}`（连同空格）当作一个程序名：{{what}}会失败，报错 `exec: \"{{arg}}\": executable file not found in $PATH`；这里需要 shell：`[\"sh\", \"-c\", \"...\"]` 或改用 shell 形式",
  "exec-form-shell-operators.variable": "exec 形式的 {{keyword}} 不做变量展开：`{{prog}}` 收到的是字面文本 `{{arg}}`，而不是 `{{var}}` 的值；请改用 shell 形式，或 `[\"sh\", \"-c\", \"exec {{prog}} ...\"]`",

  "from-unpinned.description": "FROM 没有标签或使用 `:latest`：每次构建都可能拿到不同的基础镜像",
  "from-unpinned.latest": "`FROM {{image}}` 跟随 `latest`：重新构建时会悄悄拿到当天最新的版本（换了操作系统版本、换了语言大版本），这里什么都没改也可能构建失败；请固定一个版本标签，例如 `{{example}}`",
  "from-unpinned.noTag": "`FROM {{image}}` 没有标签，Docker 会拉取 `{{image}}:latest`：重新构建时会悄悄拿到当天最新的版本（换了操作系统版本、换了语言大版本），这里什么都没改也可能构建失败；请固定一个版本标签，例如 `{{example}}`",
  "from-unpinned.viaArg": "在 ARG 取默认值时，`FROM {{written}}` 解析为 `{{image}}`：不加 `--build-arg` 时 Docker 拉取的是 `latest`，两次构建之间可能悄悄变化；请给这个 ARG 一个固定版本的默认值",

  "healthcheck-cannot-fail.description": "客户端被拒绝时仍然通过的健康检查（对设置了密码的 redis 执行 `redis-cli ping`）",
  "healthcheck-cannot-fail.redisCli": "对设置了 `requirepass` 的 redis 执行 `redis-cli ping` 却没有 `-a`/`REDISCLI_AUTH`：redis 回答 \"NOAUTH Authentication required.\"，而 redis-cli 仍以 0 退出，所以 \"{{service}}\" 永远是 healthy；请使用 `redis-cli -a \"$$REDIS_PASSWORD\" ping | grep PONG` 或设置 REDISCLI_AUTH",
  "healthcheck-cannot-fail.requirepass": "redis 在这里要求密码",

  "host-header-spoofing.description": "在有名字的 server 中使用 `proxy_set_header Host $http_host`：应用拿到的是客户端发来的 Host 头，而不是 nginx 匹配到的名字",
  "host-header-spoofing.spoofing": "`{{variable}}` 原样转发客户端发来的 Host 头，而不是这个 server 匹配到的名字：请求行为 `GET http://{{name}}/`、带 `Host: evil.example` 的请求会到达这个 server，而应用看到的是 evil.example，于是它生成的链接、跳转和密码重置邮件都可能指向攻击者的主机；请使用 `$host`",

  "host-namespaces.description": "`network_mode: host`、`pid: host`、`ipc: host`：容器共享宿主机的命名空间",
  "host-namespaces.host": "`{{key}}: host`（服务 {{services}}）：容器{{what}}",

  "http-splitting.capture": "`${{variable}}`{{copy}} 由 `{{regex}}` 捕获，它的分组可以匹配{{char}}（路径在匹配前已经 URL 解码），所以 URL 中的 `%0d%0a` 会把换行写进{{what}}（HTTP 拆分）；请用排除换行的字符类来捕获，例如 `([^\\r\\n]*)`，或使用 `$request_uri`",
  "http-splitting.decoded": "`${{variable}}` 是 URL 解码后的路径，请求 `/%0d%0aSet-Cookie:%20x=y` 就会把换行写进{{what}}：攻击者可以添加响应头甚至整个响应（HTTP 拆分）；请改用 `$request_uri`（保持编码）",
  "http-splitting.description": "可能包含 CR/LF 的 `$uri`、`$document_uri` 或正则捕获被写进响应头、重定向或上游请求（HTTP 响应/请求拆分）",
  "http-splitting.regexHere": "捕获来自这个正则",

  "image-config-version.description": "镜像中的服务器版本已移除或拒绝的配置选项或 SQL 语句（MySQL 8.4 的 default-authentication-plugin、8.4+/9.x 上的 mysql_native_password、MariaDB 与 MySQL 专有选项）",
  "image-config-version.image": "运行它的镜像",
  "image-config-version.mariadbSecureFilePriv": "`secure-file-priv=NULL` 是 MySQL 专有的：MariaDB（{{reading}}）无法规范化它（\"[Warning] Failed to normalize the argument for --secure-file-priv.\"）并退出；请删除它或指定一个目录",
  "image-config-version.nativePassword": "`IDENTIFIED WITH mysql_native_password` 在 MySQL {{version}}（{{reading}}）上会失败：{{why}}，所以数据库第一次启动时在执行 /docker-entrypoint-initdb.d 期间中止；请使用 `IDENTIFIED BY`（caching_sha2_password），或固定为 `mysql:8.0`",
  "image-config-version.removedOption": "`{{option}}` 不是 MySQL {{version}} 的变量（{{reading}}）：mysqld 启动时中止并报错 \"[ERROR] [MY-000067] [Server] unknown variable '{{option}}={{value}}'.\"；{{note}}",

  "image-unpinned.description": "compose 服务的 `image:` 没有标签或使用 `latest`：每次拉取都可能拿到不同版本",
  "image-unpinned.unpinned": "这个镜像{{what}}：它解析为拉取当天的 `latest`，所以换一台新主机或执行 `docker compose pull` 都会悄悄拿到另一个版本（新的大版本可能拒绝旧的数据目录或配置选项）；请固定一个版本标签（`name:1.2`）或摘要（digest）",

  "keepalive-hack.description": "用 `tty: true`、`stdin_open: true`、`tail -f /dev/null` 或 `sleep infinity` 让容器保持运行，而不是让服务在前台运行",
  "keepalive-hack.tail": "`{{command}}` 让容器 \"{{service}}\" 保持运行，而前台并没有服务：容器看起来健康，里面却什么都没在运行；请让真正的服务成为最后一条命令，并用 `exec` 启动",
  "keepalive-hack.tty": "服务 \"{{service}}\" 上的 `{{key}}: true`，而它的主进程并不是交互式 shell：这不是必需的；如果它让容器不退出，就掩盖了主进程已经返回的问题；请修好前台进程",

  "links-legacy.composeLinks": "`{{key}}` 是 Docker 的过时功能：同一网络中的服务本来就能通过服务名互相访问；请声明一个网络（或使用默认网络），然后删除这一项",
  "links-legacy.description": "`links:` / `external_links:` / `docker run --link`：已过时的功能；请改用自定义网络",
  "links-legacy.dockerRunLink": "`docker run --link` 是 Docker 的过时功能（不再维护，可能被移除）：请创建一个网络（`docker network create app`），并用 `--network app` 启动两个容器；它们可以通过容器名互相访问",

  "listen-duplicate.conflict": "{{address}} 上的 server 名 \"{{name}}\" 已被前面的 `server` 块占用：nginx 警告 \"conflicting server name \\\"{{name}}\\\" on {{address}}, ignored\"，这些请求永远不会交给这个块；请删除其中一个，或使用不同的名字/端口",
  "listen-duplicate.defaultServer": "{{address}} 上出现了第二个 `default_server`：nginx 拒绝启动（\"[emerg] a duplicate default server for {{address}}\"）；`default_server` 只能留在一个 `server` 块上",
  "listen-duplicate.description": "同一个 nginx 的两个 `server` 块使用相同的监听地址和 `server_name`，或同一地址上有两个 `default_server`",
  "listen-duplicate.first": "前面那个地址和名字都相同的 `server` 块",
  "listen-duplicate.imageDefault": "{{address}} 上的 server 名 \"localhost\" 已被官方镜像自带的 /etc/nginx/conf.d/default.conf 占用，而 nginx 先加载它：nginx 警告 \"conflicting server name \\\"localhost\\\" on {{address}}, ignored\"，并把这些请求交给镜像的 server 块（`root /usr/share/nginx/html`），于是这个块及其 location 永远不生效；请删除镜像中的那个文件（`RUN rm /etc/nginx/conf.d/default.conf`）、把你的配置挂载覆盖它，或换一个名字",

  "listener-loopback-only.client": "{{client}} 在这里连接 {{target}}",
  "listener-loopback-only.description": "服务只绑定在 127.0.0.1/localhost 上，而另一个容器（或发布的端口）要连接它",
  "listener-loopback-only.loopback": "{{service}}（{{program}}）只监听 {{address}}，但 {{client}} 从{{from}}连接 {{target}}：容器内的回环地址在其他容器中无法访问，连接会被拒绝（\"Connection refused\" / errno 111）；请监听 0.0.0.0",

  "main-process-daemonizes.description": "容器的主进程变成守护进程或直接返回（uWSGI 的 `daemonize`、redis 的 `daemonize yes`、没有 `nodaemon` 的 supervisord、`&`、没有 `daemon off` 的 nginx）：容器以退出码 0 退出，或不停重启",
  "main-process-daemonizes.exits": "{{program}} {{how}}，之后没有任何东西让容器 \"{{service}}\" 留在前台：PID 1 返回，容器以退出码 0 退出（\"{{service}} exited with code 0\"），`restart:` 会无限循环；请让它在前台运行{{remedy}}",
  "main-process-daemonizes.keepalive": "是这一行让容器保持运行",
  "main-process-daemonizes.masked": "{{program}} {{how}}，是 {{keepalive}} 让容器 \"{{service}}\" 保持运行：{{program}} 挂掉时没有东西会重启它，`docker stop` 无法干净地停止它，它的输出也进不了 `docker logs`；请让它在前台运行{{remedy}}，并去掉保活命令",
  "main-process-daemonizes.started": "{{program}} 在这里启动",
  "main-process-daemonizes.unusedDaemonize": "`{{key}}` 让 {{program}} 脱离启动它的进程：在容器中没有东西会重启它，它的日志也进不了 `docker logs`；如果它是容器的主进程，容器会以退出码 0 退出；请删除它，让 {{program}} 在前台运行",

  "maintainer-deprecated.description": "MAINTAINER 已弃用：请使用 `LABEL maintainer=\"...\"`",
  "maintainer-deprecated.maintainer": "`MAINTAINER` 已弃用（BuildKit 警告 \"MAINTAINER instruction is deprecated in favor of using label\"）：它只填写镜像过时的 Author 字段；请使用 `LABEL maintainer=\"{{value}}\"`（或 OCI 标签 `org.opencontainers.image.authors`）",

  "missing-build-file.context": "构建上下文在这里设置",
  "missing-build-file.copyExcluded": "`{{source}}` 被 .dockerignore 排除在构建上下文之外：构建失败并报错 \"failed to compute cache key: \\\"/{{source}}\\\": not found\"",
  "missing-build-file.copyMissing": "`{{source}}` 不在构建上下文 {{context}} 中：构建失败并报错 \"failed to compute cache key: \\\"/{{source}}\\\": not found\"；COPY/ADD 中的路径是相对于构建上下文的，而不是相对于 Dockerfile",
  "missing-build-file.description": "COPY/ADD 的来源或 `pip install -r` 的文件不在构建上下文中（或被 .dockerignore 排除）",
  "missing-build-file.requirementsMissing": "运行这一步时镜像中还没有 `{{path}}`：{{where}} 中没有 `{{rel}}`，所以构建失败并报错 \"ERROR: Could not open requirements file: [Errno 2] No such file or directory: '{{path}}'\"",

  "multiple-cmd.description": "一个阶段中有多条 CMD 指令：只有最后一条生效",
  "multiple-cmd.ignored": "这条 CMD 被同一阶段第 {{line}} 行的 CMD 覆盖，永远不会运行：Docker 只保留最后一条；请删除它（要运行多个程序，请使用一个启动脚本或进程管理器）",
  "multiple-cmd.last": "生效的那条 CMD",

  "multiple-entrypoint.description": "一个阶段中有多条 ENTRYPOINT 指令：只有最后一条生效",
  "multiple-entrypoint.ignored": "这条 ENTRYPOINT 被同一阶段第 {{line}} 行的 ENTRYPOINT 覆盖，永远不会运行：Docker 只保留最后一条；请删除它（要运行多个程序，请使用一个启动脚本或进程管理器）",
  "multiple-entrypoint.last": "生效的那条 ENTRYPOINT",

  "mycnf-no-group.description": "my.cnf 中第一个 [group] 节标题之前出现了选项：mysqld 和客户端会中止，或者（MariaDB）在被 include 时跳过整个文件",
  "mycnf-no-group.included": "`{{key}}` 出现在 mariadbd 通过 `!includedir` 读取的文件（{{path}}）中任何 [group] 节标题之前：它会打印 \"error: Found option without preceding group in config file: {{path}} at line: {{line}}\" 并忽略整个文件，其中的设置全部不生效；请把这个选项放到 [mysqld]（或 [client]）下",
  "mycnf-no-group.includedOther": "`{{key}}` 出现在服务器通过 `!includedir` 读取的文件（{{path}}）中任何 [group] 节标题之前：选项解析器会拒绝它（\"Found option without preceding group in config file: {{path}} at line: {{line}}\"）；MariaDB 会因此忽略整个文件，MySQL 则可能拒绝启动；请把这个选项放到 [mysqld]（或 [client]）下",
  "mycnf-no-group.service": "容器 \"{{service}}\" 以 {{path}} 读取它",
  "mycnf-no-group.topLevel": "`{{key}}` 出现在任何 [group] 节标题之前：读取这个文件的每个 MySQL/MariaDB 程序都会立即停止（MariaDB：\"error: Found option without preceding group in config file: {{path}} at line: {{line}}\"、\"Fatal error in defaults handling. Program aborted\"），所以服务器无法启动；请把这个选项放到 [mysqld]（或 [client]）下",

  "mycnf-unknown-option.ambiguous": "`{{key}}` 是一个缩写，可以匹配 {{count}} 个选项（{{matches}}……）：mariadbd 启动时中止（{{observed}}：\"[ERROR] mariadbd: ambiguous option '--{{option}}' (...)\"、\"[ERROR] Aborting\"）{{reading}}；请写出完整的选项名",
  "mycnf-unknown-option.client": "[{{group}}] 中的 `{{key}}` 不是 {{programs}} 的选项（{{observed}}），它们每次读取这个文件都会立即停止（\"{{first}}: unknown {{what}} '{{option}}'\"）：在这个容器中运行它们的备份、脚本或健康检查都会失败{{suggestion}}",
  "mycnf-unknown-option.description": "镜像中的服务器不认识的 my.cnf 选项（mysqld 以 \"unknown variable\" 中止），或 MariaDB 客户端在 [client] 中拒绝的选项",
  "mycnf-unknown-option.image": "读取这个文件的镜像",
  "mycnf-unknown-option.mariadbNewer": "`{{key}}` 不是 MariaDB {{dataVersion}} 的选项{{suggestion}}，在该版本上 mariadbd 会中止并报错 \"[ERROR] mariadbd: unknown {{what}} '{{option}}'\"{{reading}}；除非更新的 MariaDB 加入了它，否则服务器无法启动",
  "mycnf-unknown-option.mariadbUnknown": "`{{key}}` 不是 MariaDB 服务器的选项{{suggestion}}：mariadbd 启动时中止（{{observed}}：\"[ERROR] mariadbd: unknown {{what}} '{{option}}'\"、\"[ERROR] Aborting\"）{{reading}}；请删除它，或写成 `loose-{{key}}`，这样只会得到一个警告",
  "mycnf-unknown-option.mysqlRemoved": "`{{key}}` 不是 MySQL {{version}} 的选项（{{reading}}；{{why}}{{mariadb}}）：mysqld 启动时中止并报错 \"unknown variable '{{option}}'\"；请删除它（或加上 `loose-` 前缀）",

  "mycnf-utf8.charset": "`{{key}}={{value}}` 是 MySQL 的 3 字节 `utf8mb3`，不是真正的 UTF-8：4 字节字符（emoji、部分中日韩字符）会被拒绝（MariaDB 10.11：`@@character_set_server` 显示为 `utf8mb3`，插入 '😀' 会失败并报错 \"ERROR 1366 (22007): Incorrect string value: '\\xF0\\x9F\\x98\\x80'\"）；请使用 `utf8mb4`{{note}}",
  "mycnf-utf8.collation": "`{{key}}={{value}}` 是 3 字节 `utf8mb3` 字符集的排序规则，它会拒绝 4 字节字符（emoji）；请使用 `{{replacement}}`{{note}}",
  "mycnf-utf8.description": "my.cnf 中的 `utf8`/`utf8mb3` 字符集或排序规则：这是 3 字节的 UTF-8，无法存储 emoji 和其他 4 字节字符；请使用 utf8mb4",

  "network-undefined.description": "服务加入了 compose 配置顶层 `networks:` 中没有声明的网络",
  "network-undefined.typo": "服务 \"{{service}}\" 加入网络 \"{{network}}\"，但这个 compose 配置的顶层 `networks:` 中没有声明它：docker compose 拒绝启动任何容器（`service \"{{service}}\" refers to undefined network {{network}}: invalid compose project`）；是不是想写 \"{{near}}\"？",
  "network-undefined.undefined": "服务 \"{{service}}\" 加入网络 \"{{network}}\"，但这个 compose 配置的顶层 `networks:` 中没有声明它：docker compose 拒绝启动任何容器（`service \"{{service}}\" refers to undefined network {{network}}: invalid compose project`）；请在顶层 `networks:` 下声明它（`{{network}}: {}`，如果是用 `docker network create` 创建的网络，则加上 `external: true`）",

  "nginx-arg-count.count": "`{{name}}` 需要 {{expected}} 个参数，而不是 {{count}} 个：nginx 拒绝启动，报错 “[emerg] invalid number of arguments in \"{{name}}\" directive”{{hint}}",
  "nginx-arg-count.description": "指令的参数个数不对，或 on/off 指令用了其他值",
  "nginx-arg-count.flag": "`{{name}} {{value}}`：nginx 拒绝启动，报错 “[emerg] invalid value \"{{value}}\" in \"{{name}}\" directive, it must be \"on\" or \"off\"”",

  "nginx-image-context.description": "配置写在了镜像中错误的位置：conf.d 文件里有 `http {}`/`events {}`，主 nginx.conf 里直接写 `server {}`，主 nginx.conf 缺少 `events`，或 `access_log ... main` 而镜像没有定义 `main` 格式",
  "nginx-image-context.noEvents": "{{path}} 是主配置文件，却没有 `events` 块：nginx 拒绝启动（\"[emerg] no \\\"events\\\" section in configuration\"）；请在顶层加上 `events {}`",
  "nginx-image-context.notAllowedInHttp": "{{path}} 被包含在 `http {}` 里面（{{how}}），所以这里不允许出现 `{{name}}`：nginx 拒绝启动（\"[emerg] \\\"{{name}}\\\" directive is not allowed here in {{path}}\"）；{{advice}}",
  "nginx-image-context.notAllowedInMain": "{{path}} 作为主配置文件读取，这里不允许出现 `{{name}}`：nginx 拒绝启动（\"[emerg] \\\"{{name}}\\\" directive is not allowed here in {{path}}\"）；请用 `http { ... }` 把它包起来（并加上 `events {}` 块），或者把文件挂载到 /etc/nginx/conf.d/ 下",
  "nginx-image-context.unknownFormat": "日志格式 \"{{format}}\" 没有定义{{where}}：nginx 拒绝启动（\"[emerg] unknown log format \\\"{{format}}\\\"\"）；请在 http 块中这一行之前用 `log_format {{format}} ...;` 定义它，或使用预定义的 `combined`",

  "nginx-include-missing.description": "`include` 的文件既不由项目提供（挂载、COPY），也不在 nginx 镜像中：nginx 拒绝启动",
  "nginx-include-missing.notInImage": "`include {{target}}` 读取 {{path}}，但 {{image}} 中没有这个文件，服务 \"{{service}}\" 的挂载或 COPY 也没有提供它：nginx 拒绝启动（\"[emerg] open() \\\"{{path}}\\\" failed (2: No such file or directory)\"）{{hint}}",
  "nginx-include-missing.notInMount": "`include {{target}}` 读取 {{path}}，但这个目录是从 {{hostDir}} 绑定挂载的，那里没有这个文件：服务 \"{{service}}\" 中的 nginx 拒绝启动（\"[emerg] open() \\\"{{path}}\\\" failed (2: No such file or directory)\"）；请补上这个文件或修正路径",

  "nginx-unknown-directive.description": "nginx 不认识的指令（拼写错误、模块未加载、指令已被移除或对这个 nginx 来说太新）",
  "nginx-unknown-directive.module": "`{{name}}` 属于这个 nginx 没有的模块：除非加载了该模块（`load_module`）或编译进去，否则 nginx 拒绝启动，报错 “[emerg] unknown directive \"{{name}}\"”",
  "nginx-unknown-directive.typo": "未知指令 `{{name}}`（是不是想写 `{{suggestion}}`？）：nginx 拒绝启动，报错 “[emerg] unknown directive \"{{name}}\"”",
  "nginx-unknown-directive.unknown": "未知指令 `{{name}}`：nginx 拒绝启动，报错 “[emerg] unknown directive \"{{name}}\"”",
  "nginx-unknown-directive.versioned": "`{{name}}` 在 nginx {{version}} 中{{change}}（{{note}}）：{{consequence}}",

  "nginx-wrong-context.description": "指令出现在 nginx 不允许的块中（例如 server {} 中的 `proxy_pass`、location {} 中的 `listen`）",
  "nginx-wrong-context.notAllowed": "`{{name}}` 不允许出现在 {{where}}{{fileNote}}：nginx 拒绝启动，报错 “[emerg] \"{{name}}\" directive is not allowed here”；它应该放在 {{allowed}}",

  "no-cmd.base": "默认命令来自这个基础镜像",
  "no-cmd.description": "最终阶段没有 CMD/ENTRYPOINT，而基础镜像的默认命令是 shell 或 REPL",
  "no-cmd.noCmd": "镜像没有 CMD 或 ENTRYPOINT，所以容器运行的是 `{{base}}` 镜像的默认命令 `{{cmd}}`，{{what}}：没有终端时它读到文件结束，立即以退出码 0 退出，应用根本没有启动；请在 Dockerfile 末尾为应用写上 `CMD [...]`",

  "pip-hygiene.description": "Dockerfile 中的 `pip install` 没有 `--no-cache-dir`：wheel 缓存留在镜像里",
  "pip-hygiene.noCacheDir": "`{{pip}} install` 会把下载和构建的每个 wheel 都保存在 `/root/.cache/pip` 中，它留在镜像层里（通常有几十到几百 MB），以后再也用不到；请加上 `--no-cache-dir`（或一次性设置 `ENV PIP_NO_CACHE_DIR=1`）",

  "pipefail.description": "带管道的 RUN 没有 `pipefail`：左侧命令失败不会让构建失败",
  "pipefail.pipe": "如果这里的 `{{left}}` 失败，RUN 仍然会成功：管道的退出状态是最后一个命令（`{{right}}`）的状态，所以下载失败或某一步失败都会悄无声息地进入镜像；请在这条 RUN 之前加上 `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]`（在 Debian 上不要用 `set -o pipefail`，它的 /bin/sh 是 dash：\"set: Illegal option -o pipefail\"；在 Alpine 上 `set -o pipefail &&` 可以用）",

  "plaintext-secret.description": "提交到仓库的文件中以明文写着密码、令牌或密钥（值不会被打印）",
  "plaintext-secret.plaintext": "`{{name}}` 是以明文写在{{where}}中的密钥：任何能看到代码仓库的人都能拿到；请从环境变量或密钥文件读取（compose 的 `secrets:`，或来自不提交的 .env 的 `${VAR}`）",
  "plaintext-secret.weak": "`{{name}}` 是写在{{where}}中的弱密码或占位密码（值已隐藏）：请换成一个足够长的随机值，并且不要放进代码仓库",

  "privileged.description": "`privileged: true`：容器获得所有能力和所有宿主机设备，容器里的 root 就是宿主机的 root",
  "privileged.privileged": "`privileged: true`（服务 {{services}}）：容器获得所有 Linux 能力和所有宿主机设备，seccomp 和 AppArmor 都被关闭，所以容器里的 root 就是宿主机的 root（它可以挂载宿主机的磁盘或加载内核模块）；请只授予它需要的权限（`cap_add: [NET_ADMIN]`、`devices:`）并删除 `privileged`",

  "proxy-directive-in-uwsgi-location.description": "请求由 `uwsgi_pass` 处理的地方却写了 `proxy_*` 指令（或在 `proxy_pass` 旁边写了 `uwsgi_*`……）：nginx 会悄悄忽略它们",
  "proxy-directive-in-uwsgi-location.ignored": "`{{name}}` 在这里不起作用：这个 {{where}} 由 `{{pass}}` 处理，而 nginx 只把 `{{module}}_*` 设置用于交给 `{{module}}_pass` 的请求（不会有任何日志）；{{advice}}",
  "proxy-directive-in-uwsgi-location.ignoredInclude": "`include {{target}}` 在这里不起作用：其中的 `{{module}}_param` 行只对 `{{module}}_pass` 生效，而这个 {{where}} 由 `{{pass}}` 处理；请删除这个 include，或使用对应的参数文件",
  "proxy-directive-in-uwsgi-location.servedBy": "请求在这里交给上游",

  "proxy-protocol-mismatch.description": "nginx 使用的协议（HTTP、uwsgi、FastCGI）与上游端口上监听的应用服务器不一致",
  "proxy-protocol-mismatch.listener": "{{service}} 在这里以 {{listening}} 监听",
  "proxy-protocol-mismatch.mismatch": "nginx 向 {{target}} 发送 {{sent}}，但 {{service}} 在那里以 {{listening}} 监听（{{program}}）：每个请求都以 502 结束（{{symptom}}）；请使用 {{fix}}",
  "proxy-protocol-mismatch.upstreamServer": "nginx 连接的上游服务器",

  "published-port-no-listener.description": "发布了端口（`443:443`），但容器内没有任何程序在该端口监听",
  "published-port-no-listener.listener": "\"{{service}}\" 在这里监听",
  "published-port-no-listener.noListener": "\"{{service}}\" 的端口 {{port}} 已发布，但容器内没有程序监听 {{port}}（它监听的是 {{listening}}）：连接宿主机端口 {{hostPort}} 会被重置；请加上监听（例如 `listen {{port}} ssl;`），或删除这个端口映射",

  "redis-inline-comment.args": "redis 没有行内注释：`{{comment}}` 变成了 `{{name}}` 多出来的 {{count}} 个参数，redis-server 拒绝启动（Redis 7.0：\"*** FATAL CONFIG FILE ERROR ***\"、\">>> '{{line}}'\"、\"{{reason}}\"）；请把注释放到单独的一行",
  "redis-inline-comment.bind": "redis 没有行内注释：`{{comment}}` 被当作更多要绑定的地址，redis-server 启动时退出（Redis 7.0：\"Could not create server TCP listening socket #:6379: Name or service not known\"、\"Failed listening on port 6379 (TCP), aborting.\"）；请把注释放到单独的一行",
  "redis-inline-comment.description": "redis.conf 的值后面跟着 `# 注释`：redis 没有行内注释，这些词会变成参数，服务器拒绝启动",

  "redis-protected-mode.client": "{{client}} 在这里连接",
  "redis-protected-mode.denied": "\"{{service}}\" 中的 redis 读取 {{config}}，其中没有设置密码，保护模式保持开启（指定了配置文件时这是默认值；官方镜像只在没有配置文件时才加上 `--protected-mode no`），但 {{client}} 从容器 \"{{from}}\" 连接：每条命令都得到 \"DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user\"；请设置 `requirepass`（从环境变量读取），或在私有网络中设置 `protected-mode no`",
  "redis-protected-mode.description": "redis 使用配置文件启动，没有密码也没有 `protected-mode no`，而其他容器要连接它：它们会得到 DENIED",

  "redis-unknown-option.argCount": "`{{name}}` 只接受{{expected}}，这一行给了 {{given}} 个：redis-server 拒绝启动（Redis 7.0：\">>> '{{line}}'\"、\"wrong number of arguments\"）；包含空格的值请加上引号",
  "redis-unknown-option.badBool": "`{{name}} {{value}}`：这里 redis 只接受 yes 或 no，否则拒绝启动（Redis 7.0：\">>> '{{line}}'\"、\"argument must be 'yes' or 'no'\"）{{reading}}",
  "redis-unknown-option.badEnum": "`{{value}}` 不是有效的 `{{name}}` 值：redis-server 拒绝启动（Redis 7.0：\">>> '{{line}}'\"、\"argument(s) must be one of the following: {{values}}\"）{{reading}}",
  "redis-unknown-option.description": "镜像中的 redis-server 启动时会拒绝的 redis.conf 指令或值（未知或已移除的名字、参数个数不对、无效的 yes/no 或枚举值）",
  "redis-unknown-option.ignored": "Redis 7 接受 `{{name}}` 但会忽略它（{{note}}），所以这一行不起作用{{reading}}；{{remedy}}",
  "redis-unknown-option.image": "用这个文件运行 redis-server 的镜像",
  "redis-unknown-option.removed": "`{{name}}` 已不存在（{{note}}）：Redis 7.0 拒绝启动，报错 \"Bad directive or wrong number of arguments\"{{reading}}；{{remedy}}",
  "redis-unknown-option.renamed": "`{{name}}` 是 `{{current}}` 的旧名字（{{note}}）；redis 仍然接受它，但新文档和 `CONFIG GET` 都只使用 `{{current}}`",
  "redis-unknown-option.unknown": "`{{name}}` 不是 redis 指令{{suggestion}}：redis-server 拒绝启动（Redis 7.0：\"*** FATAL CONFIG FILE ERROR ***\"、\">>> '{{line}}'\"、\"Bad directive or wrong number of arguments\"）{{reading}}",

  "resolver-public-for-docker.description": "带变量的 `*_pass` 在请求时通过 `resolver` 解析主机：公共 DNS（或没有 resolver）永远不知道 compose 的服务名",
  "resolver-public-for-docker.noResolver": "`{{pass}}` 中含有变量，所以 nginx 每个请求都要解析 \"{{host}}\"，但没有设置 `resolver`：每个请求都得到 502（\"no resolver defined to resolve {{host}}\"）；请加上 `resolver 127.0.0.11 valid=10s;`（Docker 的 DNS），或直接写固定的主机名",
  "resolver-public-for-docker.publicResolver": "`{{pass}}` 中含有变量，所以 nginx 每个请求都通过 `resolver {{resolver}}` 解析 \"{{host}}\"，而这是不认识 compose 服务名的公共 DNS 服务器：每个请求都得到 502（\"{{host}} could not be resolved (3: Host not found)\"）；请使用 Docker 的 DNS：`resolver 127.0.0.11 valid=10s;`",
  "resolver-public-for-docker.resolver": "当前生效的 resolver",
  "resolver-public-for-docker.set": "变量在这里设置",

  "restart-loop-risk.command": "这个命令完成工作后就返回",
  "restart-loop-risk.description": "只运行一次就退出的命令（migrate、collectstatic……）所在的服务设置了 `restart: always` / `unless-stopped`：docker 会无限重启它",
  "restart-loop-risk.loop": "服务 \"{{service}}\" 设置了 `restart: {{policy}}`，但它的命令（`{{command}}`）执行完就退出：Docker 每次都会重启它，退出码为 0 也一样，于是它一遍又一遍地运行（日志中先是 `{{service}}-1 exited with code 0`，接着又启动）；一次性任务请使用 `restart: \"no\"`（或 `on-failure`）",

  "script-crlf.description": "容器运行的 shell 脚本使用 Windows（CRLF）换行符",
  "script-crlf.executed": "{{script}} 使用 Windows（CRLF）换行符，而容器 \"{{service}}\" 要运行它：bash 会在每行末尾看到 `\\r`（\"{{interpreter}}: bad interpreter\" / \"cannot execute: required file not found\"、\"$'\\r': command not found\"）；请以 LF 换行保存，并在 .gitattributes 中加上 `*.sh text eol=lf`",
  "script-crlf.notExecuted": "{{script}} 使用 Windows（CRLF）换行符：如果容器运行它，bash 会报错 \"$'\\r': command not found\" 或 \"cannot execute: required file not found\"；请以 LF 换行保存",
  "script-crlf.runBy": "容器 \"{{service}}\" 在这里运行这个脚本",

  "server-tokens.description": "`server_tokens on`：每个响应和错误页都会暴露 nginx 的确切版本",
  "server-tokens.on": "`server_tokens {{value}}` 会在 `Server` 响应头和每个错误页中发送 nginx 的确切版本（\"nginx/1.22.1\"），等于告诉扫描器该尝试哪些已知漏洞；请设置 `server_tokens off;`",

  "shell-form-entrypoint.cmd": "shell 形式的 CMD 以 `/bin/sh -c '{{command}}'` 运行：在这个基于 Debian 的镜像中 /bin/sh 是 dash，它作为 PID 1 一直存在，应用只是它的子进程，而它不会转发 SIGTERM，所以 `docker stop` 要等 10 秒，然后在应用没有正常关闭的情况下强杀它；请使用 exec 形式：{{suggestion}}",
  "shell-form-entrypoint.cmdOther": "shell 形式的 CMD 以 `/bin/sh -c '{{command}}'` 运行：在 /bin/sh 是 dash 的系统上（Debian、Ubuntu），shell 一直作为 PID 1，应用只是它的子进程，SIGTERM 永远到不了应用（`docker stop` 要等 10 秒，然后强杀）；exec 形式在任何基础镜像上都让应用成为 PID 1：{{suggestion}}",
  "shell-form-entrypoint.description": "shell 形式的 ENTRYPOINT/CMD：`/bin/sh -c` 成为 PID 1，SIGTERM 永远到不了应用（而且 ENTRYPOINT 会忽略 CMD 和运行参数）",
  "shell-form-entrypoint.entrypoint": "shell 形式的 ENTRYPOINT 以 `/bin/sh -c '{{command}}'` 运行：在这个基于 Debian 的镜像中 /bin/sh 是 dash，它作为 PID 1 一直存在，应用只是它的子进程，而它不会转发 SIGTERM，所以 `docker stop` 要等 10 秒然后强杀所有进程；CMD 和 `docker run` 的参数也会被忽略（脚本里的 `exec \"$@\"` 什么也拿不到）；请使用 exec 形式：{{suggestion}}",
  "shell-form-entrypoint.entrypointOther": "shell 形式的 ENTRYPOINT 以 `/bin/sh -c '{{command}}'` 运行：CMD 和 `docker run` 的参数会被忽略（脚本里的 `exec \"$@\"` 什么也拿不到），而在 /bin/sh 是 dash 的系统上（Debian、Ubuntu），shell 一直作为 PID 1，SIGTERM 永远到不了应用（`docker stop` 要等 10 秒）；请使用 exec 形式：{{suggestion}}",

  "shell-makemigrations.build": "构建镜像时运行了 `makemigrations`：{{consequence}}；请在开发环境中运行 `makemigrations`，提交迁移文件，启动时只运行 `migrate`",
  "shell-makemigrations.description": "在容器启动或镜像构建时运行 `manage.py makemigrations`：迁移文件在每个容器里各自生成，而不是提交到仓库",
  "shell-makemigrations.image": "这个镜像的容器每次启动都会运行 `makemigrations`：{{consequence}}；请在开发环境中运行 `makemigrations`，提交迁移文件，这里只运行 `migrate`",
  "shell-makemigrations.runBy": "容器 \"{{service}}\" 在这里运行这个脚本",
  "shell-makemigrations.start": "容器 \"{{service}}\" 每次启动都会运行 `makemigrations`：{{consequence}}；请在开发环境中运行 `makemigrations`，提交迁移文件，这里只运行 `migrate`",

  "shell-missing-shebang.chmod": "Dockerfile 设为可执行的脚本没有 shebang（{{where}}）：{{script}} {{what}}，所以直接执行它（`CMD [\"{{path}}\"]`、`docker run image {{path}}`）会失败并报错 \"exec format error\"，而由 shell 启动时则不管它是为哪种 shell 写的，都由该 shell（通常是 /bin/sh）来执行；请在文件的第一行加上 `#!/bin/sh`（或 `#!/bin/bash`）",
  "shell-missing-shebang.description": "作为程序执行的脚本（由容器直接运行，或被 Dockerfile 设为可执行）第一行没有 `#!`",
  "shell-missing-shebang.execFormat": "{{script}} {{what}}，而容器 \"{{service}}\" 直接把它作为主进程启动：内核拒绝执行它，容器立即退出（\"exec {{written}}: exec format error\"）；请在文件的第一行加上 `#!/bin/sh`（bash 语法则用 `#!/bin/bash`）",
  "shell-missing-shebang.madeExecutable": "Dockerfile 在这里把它设为可执行",
  "shell-missing-shebang.runBy": "容器 \"{{service}}\" 在这里运行它",
  "shell-missing-shebang.runDirectly": "{{script}} {{what}}，而容器 \"{{service}}\" 把它当作程序运行（`{{written}}`）：它能运行只是因为启动它的 shell 在 exec 失败后会自己执行这个文件（Dockerfile 的 shell 形式和 `sh -c` 用的是 /bin/sh，所以 bash 语法会出错），而任何不是 shell 的启动方式（Docker 自己的 exec、gosu、supervisord）都会失败并报错 \"exec format error\"；请在文件的第一行加上 `#!/bin/sh`（或 `#!/bin/bash`）",

  "shell-no-exec.args": "`{{command}}` 作为 {{script}} 的最后一行运行容器的命令（{{program}}），却没有用 `exec`：shell 一直是容器 \"{{service}}\" 的 PID 1，并且不转发 SIGTERM，所以 `docker stop` 要等 10 秒，然后用 SIGKILL 杀掉 {{program}}；请写成 `exec {{command}}`",
  "shell-no-exec.command": "{{program}} 来自这里",
  "shell-no-exec.description": "容器的启动脚本最后启动服务的命令没有用 `exec`：shell 一直是 PID 1，`docker stop` 发出的 SIGTERM 永远到不了服务",
  "shell-no-exec.runBy": "容器 \"{{service}}\" 在这里运行这个脚本",
  "shell-no-exec.server": "{{program}} 是 {{script}} 的最后一条命令，但启动时没有用 `exec`：shell 一直是容器 \"{{service}}\" 的 PID 1，并且不转发 SIGTERM，所以 `docker stop` 要等 10 秒，然后用 SIGKILL 杀掉 {{program}}（无法优雅关闭，正在处理的请求被中断）；请写成 `exec {{command}}`",

  "ssl-on-removed.deprecated": "`ssl {{value}};` 自 nginx 1.15.0 起已弃用（\"the \\\"ssl\\\" directive is deprecated, use the \\\"listen ... ssl\\\" directive instead\"），并在 1.25.1 中移除，届时 nginx 会拒绝启动；请删除它，并在这个 server 的 `listen` 行中加上 `ssl`（`listen 443 ssl;`）",
  "ssl-on-removed.description": "`ssl on;`：自 nginx 1.15.0 起弃用，在 1.25.1 中移除，新版 nginx 会拒绝启动",
  "ssl-on-removed.image": "nginx 镜像",
  "ssl-on-removed.removed": "`ssl {{value}};` 已在 nginx 1.25.1 中移除，而镜像 `{{image}}` 运行的是 nginx 1.25.1 或更新版本：nginx 拒绝启动（\"[emerg] unknown directive \\\"ssl\\\"\"）；请删除这一行，并在这个 server 的 `listen` 行中加上 `ssl`（`listen 443 ssl;`）",

  "ssrf-proxy-pass.description": "`proxy_pass` 的上游主机来自请求（`$http_*`、`$arg_*`、URL 的正则捕获）：任何人都能让 nginx 连接任意主机（SSRF）",
  "ssrf-proxy-pass.regexHere": "捕获来自这个正则",
  "ssrf-proxy-pass.setHere": "变量在这里由请求设置",
  "ssrf-proxy-pass.ssrf": "`proxy_pass` 的上游主机取自{{origin}}：客户端可以决定 nginx 连接到哪里（内部服务、169.254.169.254 上的云元数据）并读取返回内容（服务端请求伪造）；请改为把请求映射到一个固定的上游列表（用写死值的 `map`）",

  "static-path-not-shared.description": "nginx 提供 STATIC_URL/MEDIA_URL 的目录，不是应用的 collectstatic/上传文件写入的那个数据卷",
  "static-path-not-shared.notShared": "nginx 从 {{path}} 提供 {{url}}，但{{why}}：{{what}}写到了 \"{{app}}\" 内的 {{root}}，nginx 永远看不到，所以每个 {{url}} 文件都是 404（\"open() \\\"{{path}}...\\\" failed (2: No such file or directory)\"）；请把同一个数据卷挂载到 \"{{app}}\" 的 {{root}} 和 \"{{nginx}}\" 的 {{path}}",
  "static-path-not-shared.root": "{{setting}} 指向这里",

  "sudo-in-run.asRoot": "这里的 RUN 本来就以 root 运行：`sudo` 没有任何作用，而且大多数基础镜像根本没有它（`/bin/sh: 1: sudo: not found`）；请删除 `sudo`",
  "sudo-in-run.asUser": "这里的 RUN 以 `{{user}}` 运行（第 {{line}} 行的 USER）：`sudo` 需要一个构建过程中没人能输入的密码（`sudo: a terminal is required to read the password`），除非 sudoers 放行，而且它会把 sudo 留在镜像里；请在 `USER {{user}}` 之前完成需要 root 的工作",
  "sudo-in-run.baseUser": "构建步骤中使用 `sudo`：除非基础镜像设置了其他 USER，RUN 都以 root 运行，所以 `sudo` 要么没有作用，要么需要一个构建过程中没人能输入的密码（`sudo: a terminal is required to read the password`）；需要 root 的步骤请使用 `USER root`",
  "sudo-in-run.description": "Dockerfile RUN 中使用 `sudo`",

  "supervisor-child-daemonizes.daemonizes": "{{program}} {{how}}：supervisord 看到它的子进程立即以 0 退出（\"exited: {{name}} (exit status 0; not expected)\"），重启几次后就放弃了（\"gave up: {{name}} entered FATAL state, too many start retries too quickly\"）；脱离出去的那份进程在没有监管的情况下运行，它的输出进不了 supervisor 的日志，`supervisorctl stop/restart` 也管不到它；请让它在前台运行{{remedy}}",
  "supervisor-child-daemonizes.description": "[program:x] 的命令自己变成了守护进程（uWSGI 的 `daemonize`、redis 的 `daemonize yes`、没有 `daemon off` 的 nginx、`gunicorn -D`、`service x start`）：supervisor 看到退出码 0 后放弃（FATAL）",
  "supervisor-child-daemonizes.nginx": "nginx {{how}}：它的第一个进程立即以 0 退出（\"exited: {{name}} (exit status 0; not expected)\"），之后 supervisord 的每次重启都会因为脱离出去的 nginx 仍占着端口而失败（\"[emerg] bind() to ...:80 failed (98: Address already in use)\"、\"exited: {{name}} (exit status 1; not expected)\"），永无休止；脱离出去的 nginx 在没有监管的情况下运行，`supervisorctl stop/restart` 也管不到它；请让它在前台运行{{remedy}}",
  "supervisor-child-daemonizes.program": "supervisord 在这里启动它（[program:{{name}}]）",

  "supervisor-unknown-key.description": "supervisor 在该节中不读取的键（把 `stdout_logfile=` 写成 `stdout=`）：会被悄悄忽略",
  "supervisor-unknown-key.unknownKey": "`{{key}}` 不是 [{{kind}}] 的选项{{suggestion}}：supervisor 会一声不响地忽略未知的键，所以这个设置不起作用",
  "supervisor-unknown-key.unknownSection": "[{{section}}] 不是 supervisor 会读取的节（应为 [program:name]、[group:name]、[supervisord] 等）：其中的所有内容都被忽略",

  "supervisor-value-invalid.description": "supervisor 无法转换的 supervisord.conf 值（autorestart=maybe、错误的布尔值、数字、信号、日志级别）：supervisord 在启动任何程序之前就退出",
  "supervisor-value-invalid.invalid": "`{{key}}={{value}}` 不是有效的{{what}}：supervisord 启动时就退出，不会运行任何程序（\"{{error}}\"、\"For help, use /usr/bin/supervisord -h\"）{{expected}}",
  "supervisor-value-invalid.numprocs": "`numprocs={{value}}` 要求 `process_name` 中包含 `%(process_num)`（每个进程都需要自己的名字）：supervisord 启动时退出（\"Error: %(process_num) must be present within process_name when numprocs > 1 in section '{{section}}' (file: '{{file}}')\"）；请加上例如 `process_name=%(program_name)s_%(process_num)02d`",

  "timeout-order.appFirst": "{{setting}} = {{app}} 秒，比 nginx 的 `{{nginxDirective}}`（{{nginx}} 秒）短：超过 {{app}} 秒的请求会被 {{program}} 杀掉，nginx 不再等待而是返回 502（\"upstream prematurely closed connection\"）；请让 {{setting}} 至少和 nginx 的超时一样长，或缩短 nginx 的超时",
  "timeout-order.description": "应用服务器（uWSGI harakiri、gunicorn --timeout）在 nginx 停止等待之前就杀掉了请求：慢请求以 502 而不是 504 结束",
  "timeout-order.nginxTimeout": "nginx 在这里等待 {{nginx}} 秒",

  "unanchored-regex.description": "Origin/Referer 的正则检查（`if`、`map`、`valid_referers`）没有锚定，或域名中的点没有转义；以及两端都没有锚定的正则 location",
  "unanchored-regex.dot": "`{{regex}}` 中 `{{before}}` 之后的 `.` 没有转义，会匹配任意字符：这个 {{header}} 检查也会接受任何人都能注册的仿冒域名（用 `x` 代替点）；请写成 `\\.`",
  "unanchored-regex.location": "`location {{modifier}} {{regex}}` 两端都没有锚定：它会匹配 URI 中任意位置出现的 `{{regex}}`，而不只是你以为的位置（而且正则 location 优先于前缀 location）；请用 `^` 和/或 `$` 锚定",
  "unanchored-regex.unanchoredEnd": "这个 {{header}} 检查 `{{regex}}` 没有用 `$` 或 `/` 结束主机名：只要主机名以允许的名字开头（`allowed.example.evil.example`，任何人都能注册）也能通过；请以{{end}}结束模式",
  "unanchored-regex.unanchoredStart": "这个 {{header}} 检查 `{{regex}}` 开头没有锚定（`^`）：只要值的某处包含允许的 URL（`https://evil.example/?https://allowed...`）也能通过；请让模式以 `^{{start}}` 开头",

  "unix-socket-not-shared.description": "nginx 连接的 unix 套接字由另一个容器中的应用服务器创建，而所在路径不在任何共享数据卷上",
  "unix-socket-not-shared.listener": "{{program}} 在这里创建套接字",
  "unix-socket-not-shared.notShared": "\"{{from}}\" 中的 nginx 连接 unix:{{path}}，但这个套接字是由容器 \"{{owner}}\" 中的 {{program}} 创建的，并且{{why}}：nginx 找不到这个文件（\"connect() to unix:{{path}} failed (2: No such file or directory)\"）；请把同一个命名数据卷挂载到两个服务中套接字所在的目录",

  "unix-socket-permissions.client": "nginx 在这里连接",
  "unix-socket-permissions.description": "另一个容器中的 nginx 要连接的 uWSGI unix 套接字，没有允许该 nginx 用户写入的权限",
  "unix-socket-permissions.mode": "`chmod-socket = {{mode}}` 不允许其他用户写入 {{path}}，而 \"{{from}}\" 中的 nginx 在另一个容器中以另一个用户运行（用户名在不同镜像之间并不对应：官方镜像中 nginx 的 uid 是 101，Debian 中 www-data 是 33）：\"connect() to unix:{{path}} failed (13: Permission denied)\"；请使用 666，或用 `chown-socket` 设置共享的 gid 并使用 660",
  "unix-socket-permissions.noChmod": "uWSGI 创建 {{path}} 时没有 `chmod-socket`：套接字的权限由 umask 决定（srwxr-xr-x，属主 {{owner}}），而 \"{{from}}\" 中的 nginx 以另一个用户运行，所以它得到 \"connect() to unix:{{path}} failed (13: Permission denied)\"；请加上 `chmod-socket = 666`（或使用共享的组并设为 660）",

  "upstream-host-unknown.defaultBridge": "容器 \"{{from}}\" 中的 {{client}} 连接 \"{{host}}\"，但两个容器都在 Docker 默认的 bridge 网络上，它没有 DNS：这个名字无法解析；请创建一个网络（`docker network create app`），并用 `--network app` 启动两个容器",
  "upstream-host-unknown.description": "上游、数据库或 redis 的主机名，在客户端所在的网络中没有任何容器响应",
  "upstream-host-unknown.listener": "{{owner}} 在这里监听",
  "upstream-host-unknown.localhost": "{{client}} 连接 {{host}}:{{port}}，而在容器 \"{{from}}\" 中这指的是容器自己，那里没有程序监听 {{port}}；在那里监听的是 {{owner}}：请使用服务名 \"{{owner}}\"",
  "upstream-host-unknown.unknown": "{{client}} 连接 \"{{host}}\"，但它不是这个项目中的服务、网络别名或容器名（服务有：{{services}}）：这个名字无法解析（nginx：\"host not found in upstream\"，客户端：\"Name or service not known\"）",
  "upstream-host-unknown.unreachable": "\"{{from}}\" 中的 {{client}} 连接 \"{{host}}\"，但服务 \"{{host}}\" 与它没有共同的网络（{{fromNetworks}} 与 {{toNetworks}}）：从那里无法解析这个名字",

  "upstream-port-mismatch.description": "客户端连接某个服务的端口，而该服务没有任何程序在这个端口监听",
  "upstream-port-mismatch.listener": "{{service}} 在这里监听",
  "upstream-port-mismatch.mismatch": "{{client}} 连接 {{target}}，但 {{service}} 监听的是 {{ports}}：连接会被拒绝（\"Connection refused\" / errno 111）",
  "upstream-port-mismatch.notPublished": "宿主机上的 nginx 连接 {{target}}，但没有容器发布宿主机端口 {{port}}（已发布：{{published}}）：连接会被拒绝（\"connect() failed (111: Connection refused) while connecting to upstream\"）",
  "upstream-port-mismatch.published": "端口 {{port}} 在这里发布",
  "upstream-port-mismatch.sibling": "这个上游服务器已发布端口",

  "user-root.description": "镜像最后的 USER 是 root",
  "user-root.root": "`USER {{user}}` 是镜像最后的 USER，所以应用以 root 运行：应用中的一个漏洞就能让攻击者获得容器内的 root 权限，并能写入每个绑定挂载的宿主机路径；请创建一个用户（`RUN useradd --system app`）并以 `USER app` 结尾，或在入口脚本中降权（gosu、su-exec）",

  "uwsgi-die-on-term.command": "uWSGI 在这里启动",
  "uwsgi-die-on-term.description": "作为容器主进程的 uWSGI 2.0 master 没有 `die-on-term`：`docker stop` 发出的 SIGTERM 让它重新加载而不是停止，docker 等待 10 秒后强杀它",
  "uwsgi-die-on-term.reload": "uWSGI 2.0 的 master 把 SIGTERM 当作“重新加载”而不是“停止”：对容器 \"{{service}}\" 执行 `docker stop` 时，它会记录 \"...brutally killing workers...\" 和 \"binary reloading uWSGI...\" 然后重新启动，所以 docker 要等 10 秒再用 SIGKILL 杀掉它（无法优雅关闭，正在处理的请求被中断）；请加上 `die-on-term = true`",

  "uwsgi-inline-comment.breaks": "值后面的 `{{marker}} ...` 在 uWSGI 中是 `{{key}}` 的值的一部分（只有以 # 或 ; 开头的行才是注释）：{{effect}}；请把注释放到单独的一行",
  "uwsgi-inline-comment.description": "uwsgi.ini 中值后面的 `# 注释`：uWSGI 会把它当作值的一部分",
  "uwsgi-inline-comment.flagStaysOn": "`{{key}} = {{value}} {{marker}} ...`：只有值恰好是 `false`/`off`/`no`/`0` 时 uWSGI 才关闭开关，而注释是值的一部分，所以 `{{key}}` 仍然是开启的；请把注释放到单独的一行",
  "uwsgi-inline-comment.harmless": "值后面的 `{{marker}} ...` 在 uWSGI 中是 `{{key}}` 的值的一部分（只有以 # 或 ; 开头的行才是注释）；这里没有造成问题只是因为 {{why}} —— 同样的注释放在路径或模块名后面就会出错；请把注释放到单独的一行",
  "uwsgi-inline-comment.unclear": "值后面的 `{{marker}} ...` 在 uWSGI 中是 `{{key}}` 的值的一部分（只有以 # 或 ; 开头的行才是注释）：uWSGI 收到的是 `{{key}} = <value> {{marker}} ...`；请把注释放到单独的一行",

  "uwsgi-module-path.chdir": "`chdir = {{value}}`：容器 \"{{service}}\" 中没有这个目录（{{where}}），所以 uWSGI 启动时退出并报错 \"chdir(): No such file or directory [core/uwsgi.c line 2625]\"；请让它指向代码挂载或复制到的目录",
  "uwsgi-module-path.description": "uWSGI 的 `chdir`、`wsgi-file` 或 `module` 指向容器中不存在的目录、文件或 Python 模块",
  "uwsgi-module-path.misplaced": "`{{key}} = {{value}}`：容器 \"{{service}}\" 中 uWSGI 的 Python 路径（{{bases}}）上没有 {{missing}}，而项目把它放在 {{actual}}：uWSGI 记录 \"ModuleNotFoundError: No module named '{{module}}'\" 和 \"*** no app loaded. going in full dynamic mode ***\"，之后对每个请求都返回 500；请设置 `chdir = {{dir}}`（或修正 `module`）",
  "uwsgi-module-path.module": "`{{key}} = {{value}}`：容器 \"{{service}}\" 中有 {{found}}，但没有 {{missing}}（{{where}}）：uWSGI 记录 \"ModuleNotFoundError: No module named '{{module}}'\" 和 \"*** no app loaded. going in full dynamic mode ***\"，之后对每个请求都返回 500{{hint}}",
  "uwsgi-module-path.source": "{{what}}",
  "uwsgi-module-path.wsgiFile": "`{{key}} = {{value}}`：容器 \"{{service}}\" 中没有文件 {{path}}（{{where}}）：uWSGI 记录 \"failed to open python file {{value}}\" 和 \"*** no app loaded. going in full dynamic mode ***\"，之后对每个请求都返回 500（\"--- no python application found, check your startup logs for errors ---\"）{{hint}}",

  "uwsgi-no-master.command": "uWSGI 在这里启动",
  "uwsgi-no-master.description": "作为容器主进程的 uWSGI 没有 `master = true`：工作进程挂掉后没有东西会重新拉起它，一次崩溃或 harakiri 就会让容器结束",
  "uwsgi-no-master.noMaster": "uWSGI 在容器 \"{{service}}\" 中运行时没有 master 进程{{how}}（它会记录 \"*** WARNING: you are running uWSGI without its master process manager ***\"）：没有东西会重新拉起工作进程，所以一次崩溃、一次被 OOM 杀死或{{harakiri}}都会让 uWSGI 和容器一起结束（\"*** if you want your workers to be automatically respawned consider enabling the uWSGI master process ***\"）；请设置 `master = true`，并加上 `die-on-term = true`，让 `docker stop` 仍然能停止它",

  "uwsgi-plugin-missing.apt": "uWSGI 在这里通过 apt 安装",
  "uwsgi-plugin-missing.description": "Debian 打包的 uWSGI（`apt-get install uwsgi`）在使用 module/wsgi-file 时没有 `plugins = python3`，或在使用 `http =` 时没有 `plugins = http`",
  "uwsgi-plugin-missing.http": "`{{key}}` 需要 http 路由插件，但这个镜像的 uWSGI 来自 apt，其中没有内置 `http`，也没有加载它：这个选项被悄悄忽略了{{consequence}}；请把 `http` 加到 `plugins` 中（例如 `plugins = python3,http`），或使用内置的 `http-socket`",
  "uwsgi-plugin-missing.python": "`{{key}}` 需要 python 插件，但这个镜像的 uWSGI 来自 apt（Debian 的 uwsgi-core 没有内置任何语言），也没有加载它：uWSGI 忽略 `{{key}}`，在没有应用的情况下启动（\"!!! no request plugin is loaded, you will not be able to manage requests.\"），所以每个请求都会失败；请在 [uwsgi] 中加上 `plugins = python3`{{package}}",
  "uwsgi-plugin-missing.wrongPython": "`{{key}} = {{value}}` 要加载 `{{plugin}}_plugin.so`，但已安装的软件包（{{packages}}）不提供它：uWSGI 记录 \"!!! UNABLE to load uWSGI plugin: /usr/lib/uwsgi/plugins/{{plugin}}_plugin.so: cannot open shared object file: No such file or directory !!!\"，并在没有 python 的情况下运行（\"no request plugin is loaded\"）；请使用 `python3`",

  "uwsgi-unknown-option.description": "[uwsgi] 中不是 uWSGI 选项的键（拼写错误、`post buffering`）：uWSGI 会悄悄忽略它",
  "uwsgi-unknown-option.misspelt": "`{{key}}` 不是 uWSGI 选项（是不是想写 `{{suggestion}}`？）：uWSGI 会悄悄忽略未知的键（它们只会成为 %(占位符)），所以这个设置不起作用；如果设置了 `strict = true`，uWSGI 会停止：\"[strict-mode] unknown config directive: {{key}}\"",
  "uwsgi-unknown-option.unknown": "`{{key}}` 不是 uWSGI 选项，也没有任何 %({{key}}) 把它当作占位符使用：uWSGI 会悄悄忽略它（设置 `strict = true` 时报错 \"[strict-mode] unknown config directive: {{key}}\"）",

  "valid-referers-none.description": "`valid_referers none`：没有 Referer 的请求也能通过检查，而任何网页都能让浏览器不发送它",
  "valid-referers-none.none": "`valid_referers none` 接受所有不带 Referer 头的请求，而任何网站都能让浏览器不发送它（`<meta name=\"referrer\" content=\"no-referrer\">`、https→http 的链接）：这个 referer 检查对防盗链或跨站请求毫无保护作用；请删除 `none`（只在确实需要时保留 `blocked`）",
});

/** `stacklint explain`: each log signature's title, cause and what to check. */
const EXPLAIN_TEXTS = (): Record<string, string> => ({
  "explain.nginx-upstream-refused.title": "nginx 无法连接上游 {{upstream|应用服务器}}（连接被拒绝）：502",
  "explain.nginx-upstream-refused.cause": "那个上游 host:port 上没有程序在监听：应用监听的是另一个端口、在容器内绑定到了 127.0.0.1，或者它的容器没有运行。",
  "explain.nginx-upstream-refused.check": "nginx 中的上游 host:port 与应用服务器的监听（uWSGI socket/http-socket、gunicorn --bind）及其绑定地址是否一致",

  "explain.uwsgi-http-on-socket.title": "uWSGI 收到了无法读取的请求（\"invalid request block size {{size}} (max {{max}})\"）",
  "explain.uwsgi-http-on-socket.cause": "HTTP 请求（nginx 的 proxy_pass 或浏览器）到达了 uWSGI 的 `socket`，而它使用的是二进制的 uwsgi 协议；如果用的是 uwsgi_pass，则说明请求头超过了 uWSGI 的 buffer-size。",
  "explain.uwsgi-http-on-socket.check": "nginx proxy_pass ↔ uWSGI socket：请使用 uwsgi_pass + include uwsgi_params，或让 uWSGI 用 http-socket 监听",

  "explain.nginx-upstream-closed.title": "上游 {{upstream|应用服务器}} 在应答之前关闭了连接：502",
  "explain.nginx-upstream-closed.cause": "nginx 与应用服务器使用的协议不同（proxy_pass 到 uWSGI socket、uwsgi_pass 到 HTTP 监听），或者工作进程在处理请求途中被杀掉了（harakiri、OOM）。",
  "explain.nginx-upstream-closed.check": "*_pass 指令与应用服务器的套接字类型是否一致，以及 harakiri 与 nginx 的读取超时",

  "explain.nginx-host-not-found.title": "nginx 无法解析上游主机 \"{{host}}\"",
  "explain.nginx-host-not-found.cause": "这个上游名不是 nginx 所在网络上的 compose 服务名、网络别名或容器名，或者 nginx 启动解析它时那个容器还没有运行。",
  "explain.nginx-host-not-found.check": "compose 的服务名、网络和 `depends_on` 与 nginx 中的上游主机是否一致",

  "explain.nginx-upstream-timeout.title": "上游 {{upstream|应用服务器}} 超时（\"{{phase}}\"）：504",
  "explain.nginx-upstream-timeout.cause": "应用处理时间超过了 nginx 的超时（请求太慢，或超时比实际工作时间短），或者发往它的数据包被丢弃（防火墙、绑定在另一个网卡上）。",
  "explain.nginx-upstream-timeout.check": "nginx 的 *_read_timeout / *_connect_timeout 与 uWSGI harakiri、gunicorn --timeout",

  "explain.nginx-no-live-upstreams.title": "上游 \"{{upstream|?}}\" 的所有服务器都被标记为失败：502",
  "explain.nginx-no-live-upstreams.cause": "nginx upstream 中的所有服务器最近都失败过（被拒绝、超时），所以在 fail_timeout 时间内 nginx 不再尝试它们。",
  "explain.nginx-no-live-upstreams.check": "那个 upstream 块中的服务器，以及每个服务器失败的原因（见这一行之前的 `connect()` 错误）",

  "explain.nginx-unexpected-brace.title": "nginx 配置语法错误：{{file}}:{{line}}",
  "explain.nginx-unexpected-brace.cause": "报错行之前那条指令末尾缺少 `;`（nginx 会接着读到下一行），或者某个块没有闭合。",
  "explain.nginx-unexpected-brace.check": "报错行的前一行是否缺少 `;`，以及块的大括号",

  "explain.nginx-unknown-directive.title": "nginx 不认识指令 \"{{directive}}\"（{{file}}:{{line}}）",
  "explain.nginx-unknown-directive.cause": "拼写错误、这个 nginx 没有加载的模块中的指令，或配置中多出来的文字。",
  "explain.nginx-unknown-directive.check": "指令的拼写，以及镜像中的 nginx 是否带有那个模块",

  "explain.nginx-not-allowed-here.title": "\"{{directive}}\" 不允许出现在它所在的位置（{{file}}:{{line}}）",
  "explain.nginx-not-allowed-here.cause": "指令所在的上下文不对：conf.d 中的文件已经被包含在 http {} 里，所以其中的 http/events 成了嵌套的；或者 server {} 写在了 http 之外。",
  "explain.nginx-not-allowed-here.check": "是哪个上下文包含了这个文件（官方镜像中 conf.d/*.conf 位于 http {} 内）",

  "explain.nginx-unknown-log-format.title": "nginx 没有名为 \"{{format}}\" 的 log_format",
  "explain.nginx-unknown-log-format.cause": "`access_log ... {{format}}` 引用的 log_format 在这个镜像的主 nginx.conf 中没有定义（官方 nginx 镜像定义了 `main`，Debian 的软件包没有）。",
  "explain.nginx-unknown-log-format.check": "access_log 那一行和镜像的主 nginx.conf",

  "explain.nginx-bind-in-use.title": "nginx 无法监听 {{address}}:{{port}}：地址已被占用",
  "explain.nginx-bind-in-use.cause": "另一个进程（另一个 nginx、Apache、发布了该端口的容器）已经在宿主机的这个端口上监听。",
  "explain.nginx-bind-in-use.check": "发布的宿主机端口和重复的 listen 指令",

  "explain.nginx-static-missing.title": "nginx 在 \"{{path}}\" 找不到文件：404",
  "explain.nginx-static-missing.cause": "alias/root 指向的目录没有挂载进 nginx 容器，或者 collectstatic 把文件写到了别的地方。",
  "explain.nginx-static-missing.check": "alias/root 与 nginx 容器的数据卷，以及 collectstatic 的目标目录（STATIC_ROOT）",

  "explain.nginx-static-denied.title": "nginx 无权读取 \"{{path}}\"：403",
  "explain.nginx-static-denied.cause": "这些文件（或其上级目录）对 nginx 工作进程的用户不可读。",
  "explain.nginx-static-denied.check": "nginx 提供的已挂载文件和数据卷的属主与权限",

  "explain.nginx-body-too-large.title": "{{bytes}} 字节的请求体被拒绝：413",
  "explain.nginx-body-too-large.cause": "上传的内容超过了 client_max_body_size，它的默认值是 1m。",
  "explain.nginx-body-too-large.check": "处理上传的 server/location 中的 client_max_body_size",

  "explain.nginx-unix-socket-missing.title": "nginx 在 {{socket}} 找不到套接字：502",
  "explain.nginx-unix-socket-missing.cause": "应用服务器的套接字文件不在与 nginx 容器共享的数据卷上、创建在另一个路径下，或者应用没有运行。",
  "explain.nginx-unix-socket-missing.check": "uWSGI 的套接字路径，以及 nginx 与应用共享的数据卷",

  "explain.nginx-unix-socket-denied.title": "nginx 无权连接 {{socket}}：502",
  "explain.nginx-unix-socket-denied.cause": "nginx 工作进程的用户对套接字文件没有写权限（uWSGI chmod-socket / chown-socket）。",
  "explain.nginx-unix-socket-denied.check": "uWSGI 的 chmod-socket / chown-socket，以及两个容器各自的用户",

  "explain.uwsgi-no-app.title": "uWSGI 没有加载任何应用：每个请求都得到 500",
  "explain.uwsgi-no-app.cause": "`module` / `wsgi-file` / `chdir` 指向的东西在容器内不存在或导入失败（见这一行之前的 traceback）。",
  "explain.uwsgi-no-app.check": "uWSGI 的 `module`、`wsgi-file` 和 `chdir` 与挂载或复制进容器的路径是否一致",

  "explain.uwsgi-bind-failed.title": "uWSGI 无法绑定它的套接字（{{address}}{{reason}}）",
  "explain.uwsgi-bind-failed.cause": "端口已被占用，或地址是无效的：在 uWSGI ini 中，值后面的行内 `# 注释` 也是值的一部分；或者这个 IP 不属于该容器。",
  "explain.uwsgi-bind-failed.check": "uWSGI 的 socket / http-socket 的值",

  "explain.uwsgi-harakiri.title": "uWSGI 杀掉了工作进程 {{worker}}：请求运行时间超过了 harakiri",
  "explain.uwsgi-harakiri.cause": "某个请求耗时超过 `harakiri`，uWSGI 杀掉了工作进程；随后 nginx 记录 `upstream prematurely closed connection` 并返回 502。",
  "explain.uwsgi-harakiri.check": "uWSGI 的 harakiri 与 nginx 的 uwsgi_read_timeout / proxy_read_timeout",

  "explain.uwsgi-no-plugin.title": "uWSGI 缺少插件（{{option}}{{plugin}}）",
  "explain.uwsgi-no-plugin.cause": "Debian 打包的 uWSGI 没有内置 Python 和 HTTP：没有 `plugins = python3`（以及 uwsgi-plugin-python3 软件包）时，Python 相关选项都是未知的，`http` 会被悄悄忽略。",
  "explain.uwsgi-no-plugin.check": "uWSGI ini 中的 `plugins = python3`，以及 Dockerfile 安装的软件包",

  "explain.uwsgi-oom.title": "一个工作进程被 SIGKILL 杀掉了（内存不足？）",
  "explain.uwsgi-oom.cause": "内核的 `OOM killer`（容器内存限制）或 uWSGI 的 reload-on-as/rss 限制杀掉了工作进程。",
  "explain.uwsgi-oom.check": "容器的内存限制，以及 uWSGI 的 reload-on-as / reload-on-rss / limit-as",

  "explain.supervisor-exit-0.title": "supervisord 启动后，容器 \"{{service}}\" 立即以退出码 0 退出",
  "explain.supervisor-exit-0.cause": "supervisord 变成了守护进程（没有 `nodaemon=true`），所以容器的前台进程立即返回了。",
  "explain.supervisor-exit-0.check": "[supervisord] 节中的 `nodaemon=true`，或 `supervisord -n`",

  "explain.docker-exit-0.title": "容器 \"{{service}}\" 以退出码 0 退出",
  "explain.docker-exit-0.cause": "容器的主进程变成了守护进程或直接返回：uWSGI 的 `daemonize`、redis 的 `daemonize yes`、没有 `nodaemon` 的 supervisord、start.sh 末尾的 `&`，或启动脚本执行到末尾就结束了。",
  "explain.docker-exit-0.check": "command/entrypoint、启动脚本的最后一条命令，以及它所启动程序的守护进程选项",

  "explain.docker-exec-format.title": "无法执行容器的入口程序（\"{{reason}}\"）",
  "explain.docker-exec-format.cause": "脚本的 shebang 行以 CR 结尾（CRLF 换行符）、镜像中没有它的解释器，或者二进制文件是为另一种架构构建的。",
  "explain.docker-exec-format.check": "入口脚本的换行符和 shebang，以及基础镜像",

  "explain.docker-permission.title": "{{path}} 不可执行",
  "explain.docker-permission.cause": "脚本在容器内没有可执行权限：从宿主机（或 Windows）绑定挂载的文件遮住了 Dockerfile 中做的 `chmod +x`。",
  "explain.docker-permission.check": "脚本的权限、Dockerfile 中的 chmod，以及覆盖它的绑定挂载",

  "explain.docker-port-allocated.title": "宿主机端口 {{port}} 已被占用",
  "explain.docker-port-allocated.cause": "另一个容器或宿主机上的某个进程已经占用了这个发布的宿主机端口。",
  "explain.docker-port-allocated.check": "各服务发布的端口（`ports:`）",

  "explain.docker-no-such-service.title": "compose 中没有服务 \"{{name}}\"",
  "explain.docker-no-such-service.cause": "`depends_on` / `links` 或命令行中有拼写错误，或者该服务位于没有加载的 profile 或文件中。",
  "explain.docker-no-such-service.check": "`depends_on`、`links` 和命令中的服务名",

  "explain.docker-network-undefined.title": "服务 \"{{service}}\" 使用了未声明的网络 \"{{network}}\"",
  "explain.docker-network-undefined.cause": "某个服务用到了这个网络，但顶层的 `networks:` 中没有声明它。",
  "explain.docker-network-undefined.check": "顶层 `networks` 与各服务的 `networks` 是否一致",

  "explain.docker-yaml.title": "compose 文件不是合法的 YAML（第 {{line}} 行：\"{{reason}}\"）",
  "explain.docker-yaml.cause": "缩进错误、用了制表符，或在 YAML 期望别的内容的地方写了 `key: value`。",
  "explain.docker-yaml.check": "compose 文件中那一行附近的缩进",

  "explain.docker-build-missing-file.title": "构建上下文中没有 {{path|要复制的文件}}",
  "explain.docker-build-missing-file.cause": "COPY/ADD 的来源在构建上下文之外、拼写错误，或被 .dockerignore 排除了。",
  "explain.docker-build-missing-file.check": "构建上下文和 COPY/ADD 的来源",

  "explain.apt-no-candidate.title": "这个基础镜像中 apt 找不到软件包 \"{{package}}\"",
  "explain.apt-no-candidate.cause": "这个软件包在基础镜像的 Debian 版本中改名或被移除了（bookworm 上 `netcat` → `netcat-openbsd`），或者 `apt-get update` 没有在同一条 RUN 中执行。",
  "explain.apt-no-candidate.check": "基础镜像的标签与软件包名",

  "explain.pip-missing-req.title": "pip 找不到依赖文件 {{path}}",
  "explain.pip-missing-req.cause": "`pip install -r` 中的路径此时在镜像中不存在：路径或 WORKDIR 写错了，或者它从没有从构建上下文复制进来。",
  "explain.pip-missing-req.check": "`RUN pip install` 那一行、WORKDIR，以及它之前的 COPY",

  "explain.bash-crlf.title": "shell 脚本因换行符而失败（{{script}}{{interpreter}}）",
  "explain.bash-crlf.cause": "脚本使用 Windows（CRLF）换行符：shell 会在每行末尾看到 `\\r`（如果是 \"cannot execute\"，则是 shebang 中的解释器不存在）。",
  "explain.bash-crlf.check": "容器运行的、使用 CRLF 换行符的 shell 脚本",

  "explain.mysql-initdb-failed.title": "初始化脚本在第 {{line}} 行失败（ERROR {{code}}）",
  "explain.mysql-initdb-failed.cause": "/docker-entrypoint-initdb.d 中的某条语句对这个服务器版本无效（例如 MySQL 8.4+/MariaDB 上的 IDENTIFIED WITH mysql_native_password），所以第一次启动中止了。",
  "explain.mysql-initdb-failed.check": "初始化 SQL 与镜像的服务器版本",

  "explain.mysql-cant-connect.title": "数据库客户端连不上服务器（\"{{host}}{{socket}}\"）",
  "explain.mysql-cant-connect.cause": "HOST 写错了（容器内的 localhost 就是容器自己）、服务器绑定在 127.0.0.1（bind-address）、它还没有就绪，或者两个容器没有共同的网络。",
  "explain.mysql-cant-connect.check": "settings/.env 中的数据库 HOST、my.cnf 的 bind-address、网络，以及 `healthcheck` + `depends_on` 条件",

  "explain.mysql-access-denied.title": "MySQL 拒绝用户 '{{user}}'（\"using password: {{password}}\"）",
  "explain.mysql-access-denied.cause": "应用与服务器的 MYSQL_* 环境变量中的用户名或密码不一致，或者数据卷保留了用旧凭据初始化的数据库（初始化只执行一次）。",
  "explain.mysql-access-denied.check": "应用的数据库 USER/PASSWORD 与 MYSQL_USER/MYSQL_PASSWORD，以及已有的数据卷",

  "explain.mysql-unknown-variable.title": "数据库服务器不认识选项 {{option}}",
  "explain.mysql-unknown-variable.cause": "这个选项在该服务器版本中已被移除（MySQL 8.4 中的 default-authentication-plugin），或者它是 MySQL 专有的而这里是 MariaDB，所以 mysqld 中止了。",
  "explain.mysql-unknown-variable.check": "my.cnf 与镜像标签",

  "explain.mysql-auth-plugin.title": "客户端无法使用认证插件 {{plugin|caching_sha2_password}}",
  "explain.mysql-auth-plugin.cause": "旧的客户端库遇到了 MySQL 8 默认的 caching_sha2_password（或者它需要 TLS / `cryptography` 软件包才能使用）。",
  "explain.mysql-auth-plugin.check": "客户端库、该用户的认证插件，以及 default-authentication-plugin",

  "explain.mysql-unknown-db.title": "对这个用户来说，数据库 '{{db}}' 不存在",
  "explain.mysql-unknown-db.cause": "应用的数据库 NAME 与 MYSQL_DATABASE 不一致（MYSQL_DATABASE 是镜像唯一创建并授权给 MYSQL_USER 的数据库）。",
  "explain.mysql-unknown-db.check": "应用 settings 中的 NAME 与 MYSQL_DATABASE",

  "explain.mysql-secure-file-priv.title": "MariaDB 拒绝 secure-file-priv",
  "explain.mysql-secure-file-priv.cause": "`secure-file-priv=NULL` 是 MySQL 专有的值；MariaDB 拒绝它并退出。",
  "explain.mysql-secure-file-priv.check": "my.cnf 中的 secure-file-priv 与镜像（mysql 还是 mariadb）",

  "explain.mysql-gone-away.title": "数据库连接被断开了（\"MySQL server has gone away\"）",
  "explain.mysql-gone-away.cause": "服务器关闭了空闲连接（wait_timeout 比 CONN_MAX_AGE 短），或者某个数据包超过了 max_allowed_packet。",
  "explain.mysql-gone-away.check": "my.cnf 中的 wait_timeout / max_allowed_packet 与 CONN_MAX_AGE",

  "explain.redis-refused.title": "redis 客户端无法连接 {{host}}:{{port}}",
  "explain.redis-refused.cause": "redis 在容器内绑定在 127.0.0.1，客户端使用了错误的主机（容器内的 localhost），或者 redis 没有运行。",
  "explain.redis-refused.check": "redis.conf 中的 `bind`，以及 settings/环境变量中的 REDIS 主机",

  "explain.redis-noauth.title": "redis 要求密码，但客户端没有发送（NOAUTH）",
  "explain.redis-noauth.cause": "redis 设置了 `requirepass`，但客户端连接时没有带密码。",
  "explain.redis-noauth.check": "`requirepass` 与 REDIS_URL / CACHES OPTIONS PASSWORD 中的密码",

  "explain.redis-wrongpass.title": "redis 拒绝了客户端的密码（WRONGPASS）",
  "explain.redis-wrongpass.cause": "客户端的密码与 `requirepass`（或 ACL 用户的密码）不一致。",
  "explain.redis-wrongpass.check": "`requirepass` 与客户端的密码",

  "explain.redis-protected.title": "redis 拒绝来自其他容器的客户端（保护模式）",
  "explain.redis-protected.cause": "redis 在保护模式开启且没有密码的情况下运行，所以只接受回环地址的客户端；在 Redis 7 中 `bind 0.0.0.0` 并不能解除这一限制。",
  "explain.redis-protected.check": "redis.conf 中的 `protected-mode`、`requirepass` 和 `bind`",

  "explain.redis-config-fatal.title": "redis 拒绝它的配置文件（\"{{directive}}\"）",
  "explain.redis-config-fatal.cause": "redis 无法读取的一行：行内 `# 注释`（redis 不支持）、参数个数不对，或这个版本不认识的选项。",
  "explain.redis-config-fatal.check": "redis.conf 中的那一行",

  "explain.redis-oom.title": "redis 已满，拒绝写入（OOM）",
  "explain.redis-oom.cause": "达到了 `maxmemory`，而淘汰策略是 `noeviction`（默认值），所以写入失败。",
  "explain.redis-oom.check": "`maxmemory` 和 `maxmemory-policy`（缓存可用 `allkeys-lru`）",

  "explain.django-disallowed-host.title": "Django 拒绝 Host 头 '{{host}}'：400",
  "explain.django-disallowed-host.cause": "ALLOWED_HOSTS 中没有请求到达时使用的名字（经过 nginx 时：除非 `proxy_set_header Host $host`，否则是 proxy_pass 中的主机名）。",
  "explain.django-disallowed-host.check": "ALLOWED_HOSTS 与 server_name，以及 nginx 转发的 Host 头",

  "explain.django-csrf-origin.title": "Django 的 CSRF 检查拒绝了来源 {{origin}}：403",
  "explain.django-csrf-origin.cause": "在 HTTPS 反向代理后面，Django 看到的是 http（没有 X-Forwarded-Proto / SECURE_PROXY_SSL_HEADER），或者 CSRF_TRUSTED_ORIGINS 中没有这个来源。",
  "explain.django-csrf-origin.check": "settings 中的 CSRF_TRUSTED_ORIGINS 和 SECURE_PROXY_SSL_HEADER，以及 nginx 中的 X-Forwarded-Proto",

  "explain.django-static-404.title": "找不到静态文件（{{path}} 返回 404）",
  "explain.django-static-404.cause": "DEBUG=False 时 Django 不提供静态文件：collectstatic 必须把 STATIC_ROOT 写进 nginx 用来提供 /static/ 的数据卷。",
  "explain.django-static-404.check": "STATIC_ROOT、应用与 nginx 共享的数据卷，以及 nginx 中 /static/ 的 alias",

  "explain.django-inconsistent-migrations.title": "迁移历史不一致（{{migration}} 在 {{dependency}} 之前）",
  "explain.django-inconsistent-migrations.cause": "迁移文件是在容器启动时生成的（start.sh 中的 makemigrations）或没有提交到仓库，所以数据库中的历史与文件不一致。",
  "explain.django-inconsistent-migrations.check": "启动脚本中的 makemigrations",

  "explain.supervisor-spawn-error.title": "supervisord 无法让 {{program|{{command}}}} 保持运行",
  "explain.supervisor-spawn-error.cause": "程序的命令在镜像中不存在，或者程序立即退出了（它自己变成了守护进程，例如设置了 `daemonize` 的 uWSGI）。",
  "explain.supervisor-spawn-error.check": "[program:x] 的 `command`，以及该程序的守护进程选项",
});

let catalogue: { texts: Readonly<Record<string, string>>; parser: readonly (readonly [RegExp, string])[] } | undefined;

/**
 * The catalogue, built on first use: an English run never evaluates (or, with the CLI's code
 * cache, even loads) these 170 KB of literals.
 */
export function zhCN(): NonNullable<typeof catalogue> {
  return (catalogue ??= { texts: { ...ENGINE(), ...HELP_TEXTS(), ...RULE_TEXTS(), ...EXPLAIN_TEXTS() }, parser: parserPatterns() });
}
