package fi.lupaus.engine.ruleset;

import static fi.lupaus.engine.ruleset.RuleAllowList.FACT_AND_ACTION_PACKAGES;
import static fi.lupaus.engine.ruleset.RuleAllowList.LANG_TYPES;
import static fi.lupaus.engine.ruleset.RuleAllowList.LIBRARY_ROOTS;
import static fi.lupaus.engine.ruleset.RuleAllowList.LUPAUS_PACKAGES;
import static fi.lupaus.engine.ruleset.RuleAllowList.NOT_A_RULE_TYPE;
import static fi.lupaus.engine.ruleset.RuleAllowList.PRIMITIVES;
import static fi.lupaus.engine.ruleset.RuleAllowList.RULE_METADATA;
import static fi.lupaus.engine.ruleset.RuleAllowList.RULE_PACKAGES;
import static fi.lupaus.engine.ruleset.RuleAllowList.VALUE_TYPES;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AccumulateImportDescr;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.EnumDeclarationDescr;
import org.drools.drl.ast.descr.EnumLiteralDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.GlobalDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QualifiedName;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.ParserError;

import fi.lupaus.engine.ruleset.CodeScan.Scope;

/**
 * Checks DRL written at run time (by people, in a console) against an allow-list before it is
 * compiled, because DRL runs Java: a rule could otherwise read files, start processes, open
 * sockets, start threads, use reflection or load classes inside the server.
 *
 * <p>Rules may import only the fact and action types ({@code fi.lupaus.engine.fact},
 * {@code fi.lupaus.engine.decision}), a few {@code java.time} and {@code java.util} value types,
 * and the types they {@code declare}; they may name a few safe {@code java.lang} types
 * ({@code String}, {@code Math}, {@code Integer}…). Of those types they may call only the members
 * that {@code RuleMembers} lists, deny by default; a property is checked as the method it reads.
 * {@code RuleGraph} refuses recursive queries and rules that feed themselves. They may not have
 * globals, functions, loops, lambdas, anonymous classes, arrays, exception handling, fully
 * qualified names, unicode escapes, other dialects than {@code java}, or call the methods that
 * lead to reflection, class loading, threads, the process or the rule session. The full lists
 * are in one place, {@code RuleAllowList}.
 *
 * <p>The guard reads each file twice: with Drools' own DRL parser, for the structure (imports,
 * globals, functions, declared types, each rule's consequence as the compiler will see it), and
 * token by token, for all code wherever it stands. A source that Drools cannot parse is refused
 * with the parser's errors.
 *
 * <p>The guard is a first line, not a sandbox: see {@code RuleSet} for the time and firing bounds
 * that hold for every rule set, checked or not. Thread-safe.
 */
public final class RuleGuard {

    private static final Pattern STATIC_IMPORT = Pattern.compile("import\\s+static\\b");
    private static final Pattern NAME_IN_TYPE = Pattern.compile("\\p{javaJavaIdentifierStart}[\\p{javaJavaIdentifierPart}.]*");
    private static final String LIBRARY_PACKAGE = "a rule package must not be one that holds library or engine "
            + "classes: their names would shadow the allowed types";
    private static final String IMPORT = NOT_A_RULE_TYPE;
    private static final String WILDCARD_IMPORT = "wildcard imports may name only "
            + String.join(" and ", new TreeSet<>(FACT_AND_ACTION_PACKAGES));
    private static final String FUNCTION_IMPORT = "imported functions run Java code outside the rules";
    private static final String STATIC_IMPORT_REASON = "static imports may name only members of the allowed types";
    private static final String ACCUMULATE_IMPORT = "custom accumulate functions run Java code outside the rules";
    private static final String GLOBAL = "the engine gives rules no globals; a global would hand the rules an "
            + "object from outside";
    private static final String FUNCTION = "functions allow recursion and unbounded loops";
    private static final String SHADOWING = "a declared type may not take the name of a java.lang type";
    private static final String SHADOWED_MEMBER = "a declared field may not take the name of a method that the "
            + "guard refuses on other types, or that method would pass as the field";
    private static final String FOREIGN_DECLARATION = "a type may be declared only in the file's own package";
    private static final String METADATA_PLACE = "promise and escalation metadata belong to rules";
    private static final String METADATA_FORM = "rule metadata must be two or more key = \"text\" pairs "
            + "(text without quotes or backslashes), e.g. @promise(id = \"complaint-answer-24h\", within = \"24h\")";
    private static final Pattern METADATA_ANYWHERE = Pattern.compile("@\\s*(promise|escalation)\\b");
    private static final Pattern A_NAME_REFUSED = Pattern.compile("'[\\p{javaJavaIdentifierPart}.]+' is not allowed");
    private static final Pattern PLAIN_TEXT = Pattern.compile("\"[^\"\\\\]*\"");

    private final ClassLoader factClassLoader = RuleGuard.class.getClassLoader();
    private final Map<String, Boolean> factTypes = new ConcurrentHashMap<>();

    /**
     * Checks rule sources that are to be compiled together.
     *
     * @return what is not allowed, and where; empty when the sources may be compiled
     */
    public List<CompileError> check(List<RuleSource> sources) {
        try {
            return checkParsed(sources.stream().map(RuleGuard::parse).toList());
        } catch (RuntimeException e) {
            // Fail closed, and as an error the author can read rather than a crash of the request.
            String name = sources.isEmpty() ? "" : sources.get(0).name();
            return List.of(new CompileError(name, 0, 0, "the rules could not be checked: " + e));
        }
    }

    private List<CompileError> checkParsed(List<Parsed> parsed) {
        RuleSetNames names = namesOf(parsed);
        Vocabulary vocabulary = names.vocabulary();
        List<Findings> allFindings = new ArrayList<>();
        List<RuleGraph.File> graphFiles = new ArrayList<>();
        for (Parsed file : parsed) {
            Findings findings = new Findings(file.source().name());
            allFindings.add(findings);
            file.errors().forEach(error -> findings.error(error.line(), error.column(), error.message()));
            SourceText text = SourceText.whole(file.source().drl());
            // A file Drools cannot parse is refused by the parser's errors and never compiled. Without a parse its
            // imports are unknown, and the scan would call every imported type "not allowed" (issue #16): only
            // what the scan finds in the text itself (an unclosed comment, string or bracket) is added.
            if (file.descr() == null) {
                Findings lexical = new Findings(file.source().name());
                CodeScan.scan(text, lexical, vocabulary, null, Scope.FILE, List.of());
                lexical.errors().stream().filter(error -> !A_NAME_REFUSED.matcher(error.message()).lookingAt())
                        .forEach(error -> findings.error(error.line(), error.column(), error.message()));
                continue;
            }
            Set<Integer> importStarts = new HashSet<>();
            checkStructure(file.descr(), text, names, findings, importStarts);
            List<int[]> consequences = consequenceRanges(file.descr(), text, findings);
            graphFiles.add(new RuleGraph.File(allFindings.size() - 1, file.descr().getRules()));
            CodeScan.scan(text, findings, vocabulary, importStarts, Scope.FILE, consequences);
            for (int[] range : consequences) {
                CodeScan.scan(text.part(range[0], range[1]), findings, vocabulary, Set.of(), Scope.CODE, List.of());
            }
        }
        for (RuleGraph.Refusal refusal : new RuleGraph(names.supertypes, names.staticImportOwners).check(graphFiles)) {
            refuse(allFindings.get(refusal.file()), refusal.where(), refusal.construct(), refusal.reason());
        }
        List<CompileError> errors = new ArrayList<>();
        allFindings.forEach(findings -> errors.addAll(findings.errors()));
        return List.copyOf(errors);
    }

    private record Parsed(RuleSource source, PackageDescr descr, List<CompileError> errors) {
    }

    private static Parsed parse(RuleSource source) {
        DrlParser parser = new DrlParser();
        try {
            PackageDescr descr = parser.parse(false, source.drl());
            List<CompileError> errors = parser.getErrors().stream().map(error -> toCompileError(source, error)).toList();
            if (descr == null && errors.isEmpty()) {
                errors = List.of(new CompileError(source.name(), 0, 0, "the rules could not be read"));
            }
            return new Parsed(source, errors.isEmpty() ? descr : null, errors);
        } catch (Exception e) {
            // The guard fails closed: what Drools' own parser cannot read is not compiled.
            return new Parsed(source, null, List.of(new CompileError(source.name(), 0, 0,
                    "the rules could not be read: " + e.getMessage())));
        }
    }

    private static CompileError toCompileError(RuleSource source, DroolsError error) {
        if (error instanceof ParserError parserError) {
            return new CompileError(source.name(), Math.max(parserError.getRow(), 0), Math.max(parserError.getCol(), 0) + 1,
                    parserError.getMessage());
        }
        int[] lines = error.getLines();
        return new CompileError(source.name(), lines.length > 0 ? Math.max(lines[0], 0) : 0, 0, error.getMessage());
    }

    /** The type names rules in this rule set may use, from their imports and declarations. */
    private final class RuleSetNames {
        final Set<String> simpleNames = new HashSet<>(LANG_TYPES);
        final Set<String> declared = new HashSet<>();
        final Set<String> wildcardPackages = new HashSet<>();
        final Set<String> declaredFields = new HashSet<>();
        final Set<String> queries = new HashSet<>();
        final Map<String, Set<String>> supertypes = new HashMap<>();
        final Map<String, String> staticImportOwners = new HashMap<>();
        final Set<String> wholeFactBindings = new HashSet<>();

        Vocabulary vocabulary() {
            return new Vocabulary(this::allows, declared, declaredFields, queries, staticImportOwners.keySet(),
                    wholeFactBindings);
        }

        boolean allows(String name) {
            return simpleNames.contains(name) || declared.contains(name)
                    || wildcardPackages.stream().anyMatch(pkg -> isFactType(pkg, name));
        }

        boolean allowsQualified(String qualifiedName) {
            return VALUE_TYPES.contains(qualifiedName) || isInFactPackage(qualifiedName) || declared.contains(qualifiedName);
        }
    }

    private RuleSetNames namesOf(List<Parsed> parsed) {
        RuleSetNames names = new RuleSetNames();
        for (Parsed file : parsed) {
            PackageDescr descr = file.descr();
            if (descr == null) {
                continue;
            }
            for (AbstractClassTypeDeclarationDescr type : descr.getClassAndEnumDeclarationDescrs()) {
                names.declared.add(type.getTypeName());
                names.declared.add(packageOf(descr) + type.getTypeName());
                if (type instanceof EnumDeclarationDescr enumType) {
                    enumType.getLiterals().stream().map(EnumLiteralDescr::getName).forEach(names.declared::add);
                }
                type.getFields().keySet().stream().filter(field -> !RuleAllowList.REFUSED_NAMES.containsKey(field)
                        && !RuleMembers.NEVER.contains(field) && !RuleMembers.shadowsARefusedMember(field))
                        .forEach(names.declaredFields::add);
                if (type instanceof TypeDeclarationDescr) {
                    names.supertypes.put(type.getTypeName(), type.getSuperTypes().stream().map(QualifiedName::getName)
                            .map(RuleGuard::simpleName).collect(Collectors.toSet()));
                }
            }
            descr.getRules().stream().filter(RuleDescr::isQuery).map(RuleDescr::getName).forEach(names.queries::add);
            descr.getRules().forEach(rule -> names.wholeFactBindings.addAll(
                    RuleGraph.bindingsOf(rule, RuleMembers.HASH_TEXT_TYPES)));
        }
        for (Parsed file : parsed) {
            if (file.descr() == null) {
                continue;
            }
            for (ImportDescr anImport : file.descr().getImports()) {
                String target = anImport.getTarget();
                if (target.endsWith(".*") && FACT_AND_ACTION_PACKAGES.contains(target.substring(0, target.length() - 2))) {
                    names.wildcardPackages.add(target.substring(0, target.length() - 2));
                } else if (names.allowsQualified(target)) {
                    names.simpleNames.add(simpleName(target));
                }
            }
            for (FunctionImportDescr anImport : file.descr().getFunctionImports()) {
                if (isAllowedStaticImport(anImport, file.source().drl(), names)) {
                    String target = anImport.getTarget();
                    names.staticImportOwners.put(simpleName(target),
                            simpleName(target.substring(0, target.lastIndexOf('.'))));
                }
            }
        }
        return names;
    }

    private void checkStructure(PackageDescr descr, SourceText text, RuleSetNames names, Findings findings,
            Set<Integer> importStarts) {
        String pkg = descr.getName() == null ? "" : descr.getName();
        String root = pkg.contains(".") ? pkg.substring(0, pkg.indexOf('.')) : pkg;
        boolean lupaus = (pkg.equals(LUPAUS_PACKAGES) || pkg.startsWith(LUPAUS_PACKAGES + "."))
                && !pkg.startsWith(RULE_PACKAGES);
        if (LIBRARY_ROOTS.contains(root) || lupaus) {
            refuse(findings, descr, "package " + pkg, LIBRARY_PACKAGE);
        }
        for (ImportDescr anImport : descr.getImports()) {
            importStarts.add(anImport.getStartCharacter());
            String target = anImport.getTarget();
            boolean wildcard = target.endsWith(".*");
            boolean allowed = wildcard
                    ? FACT_AND_ACTION_PACKAGES.contains(target.substring(0, target.length() - 2))
                    : names.allowsQualified(target);
            if (!allowed) {
                refuse(findings, anImport, "import " + target, wildcard ? WILDCARD_IMPORT : IMPORT);
            }
        }
        for (FunctionImportDescr anImport : descr.getFunctionImports()) {
            importStarts.add(anImport.getStartCharacter());
            if (!isAllowedStaticImport(anImport, text.text(), names)) {
                boolean isStatic = isStaticImport(anImport, text.text());
                refuse(findings, anImport, (isStatic ? "import static " : "import function ") + anImport.getTarget(),
                        isStatic ? STATIC_IMPORT_REASON : FUNCTION_IMPORT);
            }
        }
        for (AccumulateImportDescr anImport : descr.getAccumulateImports()) {
            importStarts.add(anImport.getStartCharacter());
            refuse(findings, anImport, "import accumulate " + anImport.getTarget(), ACCUMULATE_IMPORT);
        }
        for (GlobalDescr global : descr.getGlobals()) {
            refuse(findings, global, "global", GLOBAL);
        }
        for (FunctionDescr function : descr.getFunctions()) {
            refuse(findings, function, "function", FUNCTION);
        }
        for (AbstractClassTypeDeclarationDescr type : descr.getClassAndEnumDeclarationDescrs()) {
            checkDeclaredType(type, pkg, names, findings);
            type.getAnnotations().stream().filter(a -> RULE_METADATA.contains(a.getName()))
                    .forEach(a -> refuse(findings, type, "@" + a.getName(), METADATA_PLACE));
            type.getFields().values().forEach(field -> field.getAnnotations().stream()
                    .filter(a -> RULE_METADATA.contains(a.getName()))
                    .forEach(a -> refuse(findings, field, "@" + a.getName(), METADATA_PLACE)));
        }
        long onRules = 0;
        for (RuleDescr rule : descr.getRules()) {
            for (AnnotationDescr annotation : rule.getAnnotations()) {
                if (RULE_METADATA.contains(annotation.getName())) {
                    onRules++;
                    if (!isPlainMetadata(annotation)) {
                        refuse(findings, rule, "@" + annotation.getName(), METADATA_FORM);
                    }
                }
            }
        }
        // Anywhere else (on a pattern, in a comment or a string too: the guard fails closed) it is refused.
        if (METADATA_ANYWHERE.matcher(text.text()).results().count() > onRules) {
            refuse(findings, descr, "@promise or @escalation", METADATA_PLACE);
        }
    }

    /** Two or more {@code key = "text"} pairs: Drools keeps those as text and evaluates nothing. */
    private static boolean isPlainMetadata(AnnotationDescr annotation) {
        Map<String, Object> values = annotation.getValueMap();
        return values.size() >= 2 && values.entrySet().stream().allMatch(entry -> !entry.getKey().equals("value")
                && entry.getValue() instanceof String text && PLAIN_TEXT.matcher(text).matches());
    }

    private void checkDeclaredType(AbstractClassTypeDeclarationDescr type, String pkg, RuleSetNames names,
            Findings findings) {
        if (type.getNamespace() != null && !type.getNamespace().isEmpty() && !type.getNamespace().equals(pkg)) {
            refuse(findings, type, "declare " + type.getFullTypeName(), FOREIGN_DECLARATION);
        }
        if (isLangType(type.getTypeName())) {
            refuse(findings, type, "declare " + type.getTypeName(), SHADOWING);
        }
        // Enums extend java.lang.Enum; only declared classes name their super types.
        List<QualifiedName> superTypes = type instanceof TypeDeclarationDescr ? type.getSuperTypes() : List.of();
        for (QualifiedName superType : superTypes) {
            String name = superType.getFullName();
            if (!names.declared.contains(name) && !names.declared.contains(superType.getName())) {
                refuse(findings, type, name, NOT_A_RULE_TYPE);
            }
        }
        for (TypeFieldDescr field : type.getFields().values()) {
            if (RuleMembers.shadowsARefusedMember(field.getFieldName())) {
                refuse(findings, field, field.getFieldName(), SHADOWED_MEMBER);
            }
            String fieldType = field.getPattern() == null ? null : field.getPattern().getObjectType();
            if (fieldType != null && !isAllowedFieldType(fieldType, names)) {
                refuse(findings, field, fieldType, NOT_A_RULE_TYPE);
            }
        }
    }

    /** A field type such as {@code int}, {@code Instant}, {@code List<String>}: every name in it must be allowed. */
    private static boolean isAllowedFieldType(String fieldType, RuleSetNames names) {
        Matcher name = NAME_IN_TYPE.matcher(fieldType);
        while (name.find()) {
            String part = name.group();
            boolean allowed = part.contains(".") ? names.allowsQualified(part)
                    : PRIMITIVES.contains(part) || names.allows(part);
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the rules' consequences are, as Drools' parser cut them out: the very text the Java
     * compiler gets. The parser keeps a consequence as it stands in the source, so it is found there,
     * each after the one before it: the rule's own first, then the named ones. The parser keeps the
     * named ones in no order, and their texts may repeat one another's or begin with them.
     */
    private static List<int[]> consequenceRanges(PackageDescr descr, SourceText text, Findings findings) {
        List<int[]> ranges = new ArrayList<>();
        for (RuleDescr rule : descr.getRules()) {
            int from = Math.max(rule.getStartCharacter(), 0);
            for (List<String> codes : List.of(codes(Collections.singletonList(rule.getConsequence())),
                    codes(rule.getNamedConsequences().values()))) {
                while (!codes.isEmpty()) {
                    int[] range = nextInSource(text.text(), from, codes);
                    if (range == null) {
                        // fail closed: a consequence the guard cannot place in the source is not compiled
                        refuse(findings, rule, "rule \"" + rule.getName() + "\"", "its consequence could not be read");
                        break;
                    }
                    ranges.add(range);
                    from = range[1];
                }
            }
        }
        return ranges;
    }

    private static List<String> codes(Collection<Object> consequences) {
        List<String> codes = new ArrayList<>();
        for (Object consequence : consequences) {
            if (consequence instanceof String code && !code.isBlank()) {
                codes.add(code);
            }
        }
        return codes;
    }

    /**
     * Takes out of {@code codes} the one the text holds first from {@code from}, the longest where
     * two are found at one place (the shorter one there is only the start of the longer), and
     * answers where it is; null when none is found.
     */
    private static int[] nextInSource(String text, int from, List<String> codes) {
        String next = null;
        int nextAt = -1;
        for (String code : codes) {
            int at = text.indexOf(code, from);
            if (at >= 0 && (next == null || at < nextAt || (at == nextAt && code.length() > next.length()))) {
                next = code;
                nextAt = at;
            }
        }
        if (next == null) {
            return null;
        }
        codes.remove(next);
        return new int[] {nextAt, nextAt + next.length()};
    }

    private boolean isAllowedStaticImport(FunctionImportDescr anImport, String drl, RuleSetNames names) {
        String target = anImport.getTarget();
        int dot = target.lastIndexOf('.');
        if (!isStaticImport(anImport, drl) || dot < 0) {
            return false;
        }
        String owner = target.substring(0, dot);
        String member = target.substring(dot + 1);
        boolean ownerAllowed = names.allowsQualified(owner)
                || (owner.startsWith("java.lang.") && LANG_TYPES.contains(owner.substring("java.lang.".length())));
        RuleMembers.Row row = RuleMembers.rowOf(simpleName(owner));
        return ownerAllowed && row != null && row.statics().contains(member);
    }

    private static boolean isStaticImport(FunctionImportDescr anImport, String drl) {
        int start = anImport.getStartCharacter();
        return start >= 0 && start < drl.length()
                && STATIC_IMPORT.matcher(drl).region(start, drl.length()).lookingAt();
    }

    /** A type from the fact or action packages, by its qualified name ({@code Outer.Inner} for nested types). */
    private boolean isInFactPackage(String qualifiedName) {
        return FACT_AND_ACTION_PACKAGES.stream().anyMatch(pkg -> qualifiedName.startsWith(pkg + ".")
                && isFactType(pkg, qualifiedName.substring(pkg.length() + 1)));
    }

    private boolean isFactType(String pkg, String name) {
        if (!CodeScan.isTypeLike(name)
                || RuleMembers.FACT_TYPES.stream().noneMatch(type -> type.getName().equals(pkg + "." + name))) {
            return false;
        }
        return factTypes.computeIfAbsent(pkg + "." + name, qualifiedName -> {
            try {
                // without initialising it: looking a class up must run none of its code
                Class.forName(pkg + "." + name.replace('.', '$'), false, factClassLoader);
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        });
    }

    private static boolean isLangType(String simpleName) {
        try {
            Class.forName("java.lang." + simpleName, false, ClassLoader.getPlatformClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String simpleName(String qualifiedName) {
        return qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
    }

    private static String packageOf(PackageDescr descr) {
        return descr.getName() == null || descr.getName().isEmpty() ? "" : descr.getName() + ".";
    }

    private static void refuse(Findings findings, BaseDescr descr, String construct, String reason) {
        findings.refuse(Math.max(descr.getLine(), 0), descr.getColumn() >= 0 ? descr.getColumn() + 1 : 0, construct,
                reason);
    }
}
