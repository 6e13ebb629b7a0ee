// The Koers rule language.
//
// Action-free on purpose: the syntax layer (engine/syntax) turns the parse tree into Koers' own AST
// with typed transform functions; nothing else sees ANTLR. Keywords are English, names and texts are
// free (Dutch is normal). Keywords that are also common field names (`title`, `kind`, `unit`, ...) are
// "soft": they may be used as names too (see `name`).
grammar Koers;

file : declaration* EOF ;

// An expression alone: the `{...}` parts of a text are parsed with this entry.
exprOnly : expr EOF ;

declaration
  : enumDecl
  | recordDecl
  | sourceDecl
  | parameterDecl
  | defineDecl
  | decisionDecl
  | ruleDecl
  | recommendationDecl
  | kindDecl
  | chartDecl
  | defaultPolicyDecl
  | timelineDecl
  | layerDecl
  | languageDecl
  ;

// The name of the layer these files make (`layer "Regio Noord"`): shown in every advice given with
// it. At most one per layer; without one the first layer is `rules` and a later one `laag N`.
layerDecl : LAYER label=STRING ;

// `language "nl"`: the catalogue of the product's own words in this rule set's advice (headings,
// "ja"/"nee", "onbekend", month names); Dutch when no layer names one.
languageDecl : LANGUAGE code=STRING ;

// A recommendation the rules may give, with its Dutch label: `recommendation support
// caseload_verlagen "Caseload verlagen"`.
recommendationDecl : RECOMMENDATION kind=name id=name label=STRING ;

// `default policy "../policies/landelijk.yaml"`: the policy used when none is given, relative to
// the directory of the layer that names it (the syntax layer checks the word `policy`).
defaultPolicyDecl : DEFAULT what=name path=STRING ;

// `timeline from care.started, measurements.obvlk`: where a family's history starts in the
// timeline of its advice: the first of these that gives a date (a date field, or the earliest
// entry of a dated list).
timelineDecl : TIMELINE FROM dotted (COMMA dotted)* ;

// A kind of recommendation, in the order the advice lists the kinds: `kind action "Actie" heading
// "Acties"`. An `urgent` kind's recommendations stand in the alert's banner (what to do now).
kindDecl : KIND id=name label=STRING (HEADING heading=STRING)? URGENT? ;

// A chart the reports draw for a case: a dated list's numbers over time, on a scale, with an
// optional window and reference lines from parameters, markers from other dated lists, and the
// decision it illustrates.
chartDecl : CHART name LBRACE chartProp* RBRACE ;
chartProp
  : TITLE STRING                                     #chartTitle
  | SERIES dotted                                    #chartSeries
  | RANGE lo=signedInt DOTDOT hi=signedInt           #chartRange
  | WINDOW dotted STRING?                            #chartWindow
  | LINE dotted STRING                               #chartLine
  | MARKER dotted STRING (BY name)?                  #chartMarker
  | DECISION name                                    #chartDecision
  | NOTE STRING                                      #chartNote
  ;

// ---- schema ---------------------------------------------------------------------------------------

enumDecl   : ENUM name LBRACE enumMember (COMMA enumMember)* COMMA? RBRACE ;
enumMember : name label=STRING? ;

recordDecl : RECORD name LBRACE recordItem* RBRACE ;
recordItem
  : name COLON typeRef fieldOption*                  #fieldDecl
  | REQUIRE ONE OF name (COMMA name)+                #requireOneOf
  ;
fieldOption
  : REQUIRED                                         #optRequired
  | NULLABLE                                         #optNullable
  | DEFAULT constant                                 #optDefault
  | RANGE lo=signedInt DOTDOT hi=signedInt           #optRange
  | LENGTH INT                                       #optLength
  | UNIQUE (BY by=name | K_IN scope=name)?           #optUnique
  | DATED (BY name)?                                 #optDated
  | K_NOT BEFORE name                                  #optNotBefore
  | EQUALS SUM OF name                               #optSumOf
  | PATTERN STRING                                   #optPattern
  | QUESTION STRING                                  #optQuestion
  | TITLE STRING item=STRING?                        #optTitle
  ;
typeRef
  : LIST OF typeRef                                  #listType
  | name                                             #namedType
  ;

// ---- sources, parameters, defines -----------------------------------------------------------------

sourceDecl : SOURCE name LBRACE sourceProp* RBRACE ;
sourceProp
  : TITLE STRING                                     #sourceTitle
  | URL STRING                                       #sourceUrl
  | KIND name                                        #sourceKind
  ;

parameterDecl : PARAMETER dotted COLON typeRef LBRACE parameterProp* RBRACE ;
parameterProp
  : TITLE STRING                                     #paramTitle
  | UNIT STRING                                      #paramUnit
  | RANGE lo=signedInt DOTDOT hi=signedInt           #paramRange
  | DEFAULT constant                                 #paramDefault
  | SOURCE name                                      #paramSource
  | NOTE STRING                                      #paramNote
  ;

defineDecl : DEFINE name COLON typeRef ASSIGN expr ;

// ---- decisions and rules --------------------------------------------------------------------------

decisionDecl : DECISION name COLON typeRef LBRACE decisionProp* RBRACE ;
decisionProp
  : TITLE STRING                                     #decisionTitle
  | SETTLE how=(FIRST | UNIQUE | COLLECT)           #decisionSettle
  | APPLIES WHEN expr becauseClause*                 #decisionApplies
  | REQUIRE expr ELSE MISSING dotted STRING          #decisionRequire
  | OTHERWISE expr becauseClause*                    #decisionOtherwise
  | CANDIDATES                                       #decisionCandidates
  | CONDITION name label=STRING WHEN expr becauseClause*   #decisionCondition
  | ALERT alertLevel (COMMA alertLevel)*             #decisionAlert
  ;

// `alert acute: urgent, report: high, monitor: watch, none: calm`: the decision is an alert (shown
// first, an unknown as loud as a raised one), each of its values with how loud it is.
alertLevel : constant COLON severity=name ;

// `overrides "reason"`: in an organisation's layer, this rule takes the place of the rule with
// the same id in an earlier layer.
ruleDecl : RULE dotted (OVERRIDES reason=STRING)? LBRACE ruleProp* RBRACE ;
ruleProp
  : TITLE STRING                                     #ruleTitle
  | SOURCE name                                      #ruleSource
  | PRIORITY INT                                     #rulePriority
  | WHEN expr                                        #ruleWhen
  | UNLESS expr                                      #ruleUnless
  | THEN name ASSIGN expr                            #ruleThen
  | RECOMMEND kind=name id=name STRING               #ruleRecommend
  | becauseClause                                    #ruleBecause
  | AGAINST STRING (K_IF expr)?                      #ruleAgainst
  ;

becauseClause : BECAUSE STRING (K_IF expr)? ;

// ---- expressions ----------------------------------------------------------------------------------

expr
  : LPAREN expr RPAREN                               #parenExpr
  | expr DOT name                                    #memberExpr
  | name LPAREN (callArg (COMMA callArg)*)? RPAREN   #callExpr
  | MINUS expr                                       #negExpr
  | expr unit=(MONTHS | DAYS | YEARS)                #durationExpr
  | expr op=(STAR | SLASH) expr                      #mulExpr
  | expr op=(PLUS | MINUS) expr                      #addExpr
  | expr op=(EQ | NE | LT | LE | GT | GE) expr       #compareExpr
  | expr K_NOT? K_IN expr                                #inExpr
  | expr IS K_NOT? check=(KNOWN | MISSING | K_NONE)      #presenceExpr
  | K_NOT expr                                         #notExpr
  | expr K_AND expr                                    #andExpr
  | expr K_OR expr                                     #orExpr
  | LBRACKET (expr (COMMA expr)*)? RBRACKET          #listExpr
  | literal                                          #literalExpr
  | name                                             #nameExpr
  ;

callArg : expr (WHERE filter=expr)? ;

literal
  : INT                                              #intLiteral
  | STRING                                           #stringLiteral
  | DATE                                             #dateLiteral
  | K_TRUE                                             #trueLiteral
  | K_FALSE                                            #falseLiteral
  | AS_OF                                            #asOfLiteral
  | MINUS INT                                        #negIntLiteral
  ;

signedInt : MINUS? INT ;
constant  : literal | name ;   // a name is an enum member, or `none` for a nullable field
dotted    : name (DOT name)* ;

// Soft keywords: usable as names (field names such as `title` or `kind` are normal in case data).
name
  : IDENT | TITLE | URL | KIND | UNIT | NOTE | LENGTH | PATTERN | RANGE | DEFAULT | REQUIRED
  | NULLABLE | UNIQUE | DATED | BY | FIRST | COLLECT | SUM | EQUALS | LIST | OF | ONE | BEFORE
  | KNOWN | MISSING | PRIORITY | SOURCE | MONTHS | DAYS | YEARS | K_NONE | AS_OF | DECISION | CANDIDATES | CONDITION | AGAINST | QUESTION
  | OVERRIDES | RECOMMENDATION | LAYER | ALERT | HEADING | URGENT
  | CHART | SERIES | WINDOW | LINE | MARKER | TIMELINE | FROM | LANGUAGE
  ;

// ---- lexer ----------------------------------------------------------------------------------------

ENUM      : 'enum' ;
RECORD    : 'record' ;
SOURCE    : 'source' ;
PARAMETER : 'parameter' ;
DEFINE    : 'define' ;
DECISION  : 'decision' ;
RULE      : 'rule' ;
OVERRIDES : 'overrides' ;
TITLE     : 'title' ;
URL       : 'url' ;
KIND      : 'kind' ;
UNIT      : 'unit' ;
NOTE      : 'note' ;
DEFAULT   : 'default' ;
REQUIRED  : 'required' ;
NULLABLE  : 'nullable' ;
RANGE     : 'range' ;
LENGTH    : 'length' ;
UNIQUE    : 'unique' ;
DATED     : 'dated' ;
BY        : 'by' ;
BEFORE    : 'before' ;
EQUALS    : 'equals' ;
SUM       : 'sum' ;
PATTERN   : 'pattern' ;
QUESTION  : 'question' ;
LIST      : 'list' ;
OF        : 'of' ;
ONE       : 'one' ;
REQUIRE   : 'require' ;
SETTLE    : 'settle' ;
FIRST     : 'first' ;
COLLECT   : 'collect' ;
APPLIES   : 'applies' ;
OTHERWISE : 'otherwise' ;
ELSE      : 'else' ;
PRIORITY  : 'priority' ;
WHEN      : 'when' ;
UNLESS    : 'unless' ;
THEN      : 'then' ;
RECOMMEND : 'recommend' ;
RECOMMENDATION : 'recommendation' ;
LAYER     : 'layer' ;
LANGUAGE  : 'language' ;
ALERT     : 'alert' ;
HEADING   : 'heading' ;
URGENT    : 'urgent' ;
CHART     : 'chart' ;
SERIES    : 'series' ;
WINDOW    : 'window' ;
LINE      : 'line' ;
MARKER    : 'marker' ;
TIMELINE  : 'timeline' ;
FROM      : 'from' ;
BECAUSE   : 'because' ;
AGAINST   : 'against' ;
CANDIDATES : 'candidates' ;
CONDITION : 'condition' ;
K_IF        : 'if' ;
WHERE     : 'where' ;
K_AND       : 'and' ;
K_OR        : 'or' ;
K_NOT       : 'not' ;
K_IN        : 'in' ;
IS        : 'is' ;
KNOWN     : 'known' ;
MISSING   : 'missing' ;
K_NONE      : 'none' ;
K_TRUE      : 'true' ;
K_FALSE     : 'false' ;
AS_OF     : 'as_of' ;
MONTHS    : 'months' | 'month' ;
DAYS      : 'days' | 'day' ;
YEARS     : 'years' | 'year' ;

LBRACE   : '{' ;
RBRACE   : '}' ;
LPAREN   : '(' ;
RPAREN   : ')' ;
LBRACKET : '[' ;
RBRACKET : ']' ;
COMMA    : ',' ;
COLON    : ':' ;
DOTDOT   : '..' ;
DOT      : '.' ;
EQ       : '==' ;
NE       : '!=' ;
LE       : '<=' ;
GE       : '>=' ;
LT       : '<' ;
GT       : '>' ;
ASSIGN   : '=' ;
PLUS     : '+' ;
MINUS    : '-' ;
STAR     : '*' ;
SLASH    : '/' ;

DATE   : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT ;
INT    : DIGIT+ ;
STRING : '"' ( ~["\\\r\n] | '\\' . )* '"' ;
// Any character beyond Latin-1's symbols may be part of a name here; the syntax layer then allows
// only letters and digits (engine/syntax/name_characters.h). Unicode's letter classes in the lexer
// (\p{Alpha}) cost ~8 ms at every start of the program, for tables the check gets from the C library.
IDENT  : [a-zA-Z_\u00C0-\u{10FFFF}] [a-zA-Z0-9_\u00C0-\u{10FFFF}]* ;

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS      : [ \t\r\n]+ -> skip ;
// Anything else becomes one token the parser rejects, so the error points at the odd character.
STRAY   : . ;

fragment DIGIT : [0-9] ;
