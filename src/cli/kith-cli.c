/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithCli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <gio/gunixinputstream.h>

#include "kith-cli.h"
#include "kith-cli-settings.h"
#include "kith-cli-templates.h"
#include "kith-core.h"
#ifdef HAVE_SERVICES
#include "kith-cli-send.h"
#include "kith-cli-merge.h"
#include "kith-cli-transfer.h"
#include "kith-phone.h"
#endif

/*
 * kith-cli: Kith without the window, for scripts, imports and benchmarks. Errors go to stderr as
 * "kith-cli: <message>"; the exit status is 2 for a usage error and 1 for anything else that failed
 * (and 75 for a message `send` left in the Outbox for a later try).
 * JSON output is pretty-printed with members in a fixed order.
 */

#define EXIT_USAGE 2
/* sysexits.h's EX_TEMPFAIL: not sent yet, still in the Outbox for a later try */
#define EXIT_TRY_LATER 75

static char *data_dir = NULL;

typedef int (*CommandFunc) (KithStore *store, int argc, char **argv);

/* What kith-cli prints reaches a terminal: text stored before control characters were refused
 * at input (a name from a hostile mail) or echoed from the command line must not be able to
 * restyle, retitle or clear it. JSON output holds none (they are escaped there). */
static char *
clean_text (const char *text,
            gboolean    multi_line)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);

  return kith_text_strip_controls (valid, multi_line);
}

static void
print_clean (const char *text)
{
  g_autofree char *clean = clean_text (text, TRUE);
  g_autofree char *converted = NULL;
  const char *charset;

  /* In the console's character set, as GLib's own handler prints */
  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (clean, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  fputs (converted != NULL ? converted : clean, stdout);
  fflush (stdout);
}

static int
fail (const char *message)
{
  g_autofree char *clean = clean_text (message, FALSE);

  g_printerr ("kith-cli: %s\n", clean);
  return 1;
}

static int
usage (GOptionContext *context,
       const char     *message)
{
  g_autofree char *help = context != NULL ? g_option_context_get_help (context, TRUE, NULL) : NULL;

  g_autofree char *clean = clean_text (message, FALSE);

  g_printerr ("kith-cli: %s\n", clean);
  if (help != NULL)
    g_printerr ("\n%s", help);
  return EXIT_USAGE;
}

static void
print_json_node (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

static void
print_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  print_json_node (node);
}

static void
print_array (JsonArray *array)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);

  print_json_node (node);
}

/* What the commands in other files share (kith-cli.h) */
int
kith_cli_fail (const char *message)
{
  return fail (message);
}

int
kith_cli_usage (GOptionContext *context,
                const char     *message)
{
  return usage (context, message);
}

void
kith_cli_print_json (JsonNode *node)
{
  print_json_node (node);
}

/* The contents of file @path, or of standard input for "-"; nul-terminated, its length in
 * @out_length (optional) */
char *
kith_cli_read_input (const char  *path,
                     gsize       *out_length,
                     GError     **error)
{
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GOutputStream) out = NULL;
  char *data = NULL;
  gssize length;

  if (g_strcmp0 (path, "-") != 0)
    return g_file_get_contents (path, &data, out_length, error) ? data : NULL;

  in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  out = g_memory_output_stream_new_resizable ();
  if ((length = g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error)) < 0)
    return NULL;
  if (out_length != NULL)
    *out_length = length;
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), length);
}

static JsonObject *
read_json_object (const char  *path,
                  GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;

  if ((data = kith_cli_read_input (path, &length, error)) == NULL)
    return NULL;

  if ((root = kith_json_parse_input (data, length, error)) == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The JSON input must be one object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* "12" or "#12", and nothing more: "1abc" is not to-do 1 */
static gboolean
parse_id (const char *text,
          gint64     *out_id)
{
  guint64 id;

  if (text[0] == '#')
    text++;
  if (!g_ascii_isdigit (text[0]) || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &id, NULL))
    return FALSE;

  *out_id = (gint64) id;
  return TRUE;
}

static gint64
resolve (KithStore   *store,
         const char  *identifier,
         GError     **error)
{
  gint64 id;

  if (identifier[0] == '#' && !parse_id (identifier, &id))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("“%s” is not a record number (such as #12)"), identifier);
      return 0;
    }

  return kith_store_lookup (store, identifier, error);
}

/* add / update: fields as options */

typedef struct {
  char  *name;
  char  *first;
  char  *last;
  char  *headline;
  char  *company;
  char  *segment;
  char  *stage;
  char  *step;
  char  *notes;
  char  *birthday;
  char  *summary;
  char  *value;
  char **emails;
  char **phones;
  char **domains;
  char **tags;
  char **fields;
  char  *json;
} RecordOptions;

static void
record_options_clear (RecordOptions *o)
{
  g_free (o->name); g_free (o->first); g_free (o->last); g_free (o->headline); g_free (o->company);
  g_free (o->segment); g_free (o->stage); g_free (o->step); g_free (o->notes); g_free (o->birthday);
  g_free (o->summary); g_free (o->value); g_free (o->json);
  g_strfreev (o->emails); g_strfreev (o->phones); g_strfreev (o->domains); g_strfreev (o->tags);
  g_strfreev (o->fields);
}

static void
add_record_entries (GOptionContext *context,
                    RecordOptions  *o)
{
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &o->name, N_("Name"), N_("NAME") },
    { "first", 0, 0, G_OPTION_ARG_STRING, &o->first, N_("First name"), N_("NAME") },
    { "last", 0, 0, G_OPTION_ARG_STRING, &o->last, N_("Last name"), N_("NAME") },
    { "headline", 0, 0, G_OPTION_ARG_STRING, &o->headline, N_("Headline or job title"), N_("TEXT") },
    { "company", 0, 0, G_OPTION_ARG_STRING, &o->company, N_("Company (name or domain)"), N_("COMPANY") },
    { "email", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->emails, N_("Email address (repeatable)"), N_("EMAIL") },
    { "phone", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->phones, N_("Phone number (repeatable)"), N_("PHONE") },
    { "domain", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->domains, N_("Company domain (repeatable)"), N_("DOMAIN") },
    { "segment", 0, 0, G_OPTION_ARG_STRING, &o->segment, N_("Segment"), N_("SEGMENT") },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &o->stage, N_("Stage"), N_("STAGE") },
    { "step", 0, 0, G_OPTION_ARG_STRING, &o->step, N_("Next step (name or key)"), N_("STEP") },
    { "tag", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->tags, N_("Tag (repeatable)"), N_("TAG") },
    { "notes", 0, 0, G_OPTION_ARG_STRING, &o->notes, N_("Notes"), N_("TEXT") },
    { "birthday", 0, 0, G_OPTION_ARG_STRING, &o->birthday, N_("Birthday (YYYY-MM-DD or --MM-DD)"), N_("DATE") },
    { "summary", 0, 0, G_OPTION_ARG_STRING, &o->summary, N_("Summary (projects)"), N_("TEXT") },
    { "value", 0, 0, G_OPTION_ARG_STRING, &o->value, N_("Value (projects)"), N_("NUMBER") },
    { "field", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->fields, N_("Custom field (repeatable)"), N_("KEY=VALUE") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &o->json, N_("Read the record as JSON (docs/json.md) from FILE, or - for standard input"), N_("FILE") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static JsonArray *
strv_to_array (char **strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);

  return array;
}

static JsonObject *
record_from_options (RecordOptions  *o,
                     GError        **error)
{
  JsonObject *obj;
  const struct { const char *member; const char *value; } strings[] = {
    { "name", o->name }, { "first", o->first }, { "last", o->last }, { "headline", o->headline },
    { "company", o->company }, { "segment", o->segment }, { "stage", o->stage }, { "step", o->step },
    { "notes", o->notes }, { "birthday", o->birthday }, { "summary", o->summary },
  };

  if (o->json != NULL)
    return read_json_object (o->json, error);

  obj = json_object_new ();
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    if (strings[i].value != NULL)
      json_object_set_string_member (obj, strings[i].member, strings[i].value);
  if (o->value != NULL)
    json_object_set_string_member (obj, "value", o->value);
  if (o->emails != NULL)
    json_object_set_array_member (obj, "emails", strv_to_array (o->emails));
  if (o->phones != NULL)
    json_object_set_array_member (obj, "phones", strv_to_array (o->phones));
  if (o->domains != NULL)
    json_object_set_array_member (obj, "domains", strv_to_array (o->domains));
  if (o->tags != NULL)
    json_object_set_array_member (obj, "keywords", strv_to_array (o->tags));
  if (o->fields != NULL)
    {
      JsonArray *custom = json_array_new ();

      for (guint i = 0; o->fields[i] != NULL; i++)
        {
          const char *eq = strchr (o->fields[i], '=');
          JsonObject *field = json_object_new ();
          g_autofree char *key = NULL;

          if (eq == NULL)
            {
              g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("--field %s: expected KEY=VALUE"), o->fields[i]);
              json_object_unref (field);
              json_array_unref (custom);
              json_object_unref (obj);
              return NULL;
            }
          key = g_strndup (o->fields[i], eq - o->fields[i]);
          json_object_set_string_member (field, "id", key);
          json_object_set_string_member (field, "value", eq + 1);
          json_array_add_object_element (custom, field);
        }
      json_object_set_array_member (obj, "customFields", custom);
    }

  return obj;
}

static int
cmd_add (KithStore  *store,
         int         argc,
         char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("person|company|project — add a record"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) data = NULL;
  g_autoptr(JsonObject) record = NULL;
  RecordOptions o = { 0 };
  gboolean json_out = FALSE;
  const GOptionEntry extra[] = {
    { "print-json", 0, 0, G_OPTION_ARG_NONE, &json_out, N_("Print the record as JSON"), NULL },
    { NULL }
  };
  KithRecordKind kind;
  gboolean merged = FALSE;
  gint64 id;
  int ret;

  add_record_entries (context, &o);
  g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      ret = usage (context, error->message);
      goto out;
    }
  if (argc != 2 || (kind = kith_record_kind_from_string (argv[1])) == KITH_RECORD_KIND_INVALID)
    {
      ret = usage (context, _("add: say what to add: person, company or project"));
      goto out;
    }

  data = record_from_options (&o, &error);
  if (data == NULL)
    {
      ret = fail (error->message);
      goto out;
    }

  id = kith_store_create_record (store, kind, data, &merged, &error);
  if (id == 0)
    {
      ret = fail (error->message);
      goto out;
    }

  record = kith_store_get_record (store, id, NULL);
  if (json_out)
    print_object (record);
  else
    g_print (merged ? _("Updated %s #%" G_GINT64_FORMAT " %s (matched an existing record)\n")
                    : _("Added %s #%" G_GINT64_FORMAT " %s\n"),
             kith_record_kind_to_string (kind), id, json_object_get_string_member (record, "syncKey"));
  ret = 0;

out:
  record_options_clear (&o);
  return ret;
}

/* A customFields list replaces the record's (docs/json.md), but "--field rooms=3" means that
 * field only: the record's other custom fields go along unchanged */
static void
keep_other_fields (KithStore  *store,
                   gint64      id,
                   JsonObject *data)
{
  JsonArray *given = kith_json_get_array (data, "customFields");
  g_autoptr(JsonObject) record = NULL;
  JsonArray *current;
  guint n_given;

  if (given == NULL)
    return;
  record = kith_store_get_record (store, id, NULL);
  current = kith_json_get_array (record, "customFields");
  n_given = json_array_get_length (given);

  for (guint i = 0; current != NULL && i < json_array_get_length (current); i++)
    {
      JsonObject *field = json_array_get_object_element (current, i);
      const char *key = kith_json_get_string (field, "id");
      gboolean named = FALSE;
      JsonObject *kept;

      for (guint j = 0; key != NULL && j < n_given; j++)
        named |= g_ascii_strcasecmp (kith_json_get_string (json_array_get_object_element (given, j), "id"), key) == 0;
      if (key == NULL || named || !json_object_has_member (field, "value"))
        continue;
      kept = json_object_new ();
      json_object_set_string_member (kept, "id", key);
      json_object_set_member (kept, "value", json_node_copy (json_object_get_member (field, "value")));
      json_array_add_object_element (given, kept);
    }
}

static int
cmd_update (KithStore  *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("IDENTIFIER — change a record"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) data = NULL;
  RecordOptions o = { 0 };
  gint64 id;
  int ret;

  add_record_entries (context, &o);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      ret = usage (context, error->message);
      goto out;
    }
  if (argc != 2)
    {
      ret = usage (context, _("update: say which record (an email, phone, domain, #id or sync key)"));
      goto out;
    }

  if ((id = resolve (store, argv[1], &error)) == 0 ||
      (data = record_from_options (&o, &error)) == NULL)
    {
      ret = fail (error->message);
      goto out;
    }
  if (o.json == NULL)
    keep_other_fields (store, id, data);
  if (!kith_store_update_record (store, id, data, &error))
    {
      ret = fail (error->message);
      goto out;
    }

  g_print (_("Updated #%" G_GINT64_FORMAT "\n"), id);
  ret = 0;

out:
  record_options_clear (&o);
  return ret;
}

static int
cmd_get (KithStore  *store,
         int         argc,
         char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("IDENTIFIER — show a record"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) record = NULL;
  gboolean json_out = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_out, N_("Print JSON"), NULL },
    { NULL }
  };
  gint64 id;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (argc != 2)
    return usage (context, _("get: say which record"));

  if ((id = resolve (store, argv[1], &error)) == 0 ||
      (record = kith_store_get_record (store, id, &error)) == NULL)
    return fail (error->message);

  if (json_out)
    print_object (record);
  else
    {
      JsonArray *emails = kith_json_get_array (record, "emails");

      g_print ("%s (%s #%" G_GINT64_FORMAT ")\n", json_object_get_string_member (record, "name"),
               json_object_get_string_member (record, "kind"), id);
      if (json_object_has_member (record, "headline"))
        g_print ("  %s\n", json_object_get_string_member (record, "headline"));
      if (json_object_has_member (record, "company"))
        g_print ("  %s: %s\n", _("Company"), json_object_get_string_member (record, "company"));
      for (guint i = 0; emails != NULL && i < json_array_get_length (emails); i++)
        g_print ("  %s: %s\n", _("Email"), json_object_get_string_member (json_array_get_object_element (emails, i), "value"));
      if (json_object_has_member (record, "segment"))
        g_print ("  %s: %s / %s\n", _("Segment / stage"), json_object_get_string_member (record, "segment"),
                 json_object_get_string_member_with_default (record, "stage", "-"));
    }

  return 0;
}

static int
cmd_delete (KithStore  *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("IDENTIFIER — delete a record"));
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (argc != 2)
    return usage (context, _("delete: say which record"));

  if ((id = resolve (store, argv[1], &error)) == 0 || !kith_store_delete_record (store, id, &error))
    return fail (error->message);

  g_print (_("Deleted #%" G_GINT64_FORMAT "\n"), id);
  return 0;
}

static char *
format_ms (gint64 ms)
{
  g_autoptr(GDateTime) dt = NULL;

  if (ms <= 0)
    return g_strdup ("-");
  dt = g_date_time_new_from_unix_local (ms / 1000);
  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%d") : g_strdup ("?");
}

/* Whether @arg is a query term that leaves something out (-tag:vip), not an option */
static gboolean
is_negated_term (const char *arg)
{
  return arg[0] == '-' && arg[1] != '-' && arg[1] != '\0' && !g_str_equal (arg, "-h") && !g_str_equal (arg, "-?");
}

/* Whether @arg is an option of @entries that takes the next argument as its value (--limit) */
static gboolean
takes_value (const GOptionEntry *entries,
             const char         *arg)
{
  if (!g_str_has_prefix (arg, "--"))
    return FALSE;
  for (guint i = 0; entries[i].long_name != NULL; i++)
    if (g_str_equal (arg + 2, entries[i].long_name))
      return entries[i].arg != G_OPTION_ARG_NONE;

  return FALSE;
}

/* Parses find's options; the other arguments, in order, make the query. An argument such as
 * -tag:vip is a term of it, though it starts with "-": the option parser, which would refuse
 * it as an unknown option, sees a stand-in. The value of an option (--limit -1) stays its. */
static gboolean
parse_find_args (GOptionContext      *context,
                 const GOptionEntry  *entries,
                 int                  argc,
                 char               **argv,
                 char               **out_query,
                 GError             **error)
{
  static char stand_in[] = "";
  g_autofree char **args = g_new0 (char *, argc + 1);
  g_autoptr(GPtrArray) terms = g_ptr_array_new ();
  g_autoptr(GStrvBuilder) query = g_strv_builder_new ();
  g_auto(GStrv) words = NULL;
  char **argsp = args;
  int n = argc;
  guint next_term = 0;
  gboolean seen_dashes = FALSE;

  for (int i = 0; i < argc; i++)
    {
      if (i > 0 && is_negated_term (argv[i]) && !takes_value (entries, argv[i - 1]))
        {
          g_ptr_array_add (terms, argv[i]);
          args[i] = stand_in;
        }
      else
        args[i] = argv[i];
    }

  if (!g_option_context_parse (context, &n, &argsp, error))
    return FALSE;

  for (int i = 1; i < n; i++)
    {
      if (argsp[i] == stand_in)
        g_strv_builder_add (query, g_ptr_array_index (terms, next_term++));
      else if (!seen_dashes && g_str_equal (argsp[i], "--"))
        seen_dashes = TRUE;
      else
        g_strv_builder_add (query, argsp[i]);
    }

  words = g_strv_builder_end (query);
  *out_query = g_strjoinv (" ", words);
  return TRUE;
}

static void
print_found_json (KithStore *store,
                  GArray    *ids)
{
  g_autoptr(JsonArray) records = json_array_new ();

  for (guint i = 0; i < ids->len; i++)
    {
      JsonObject *record = kith_store_get_record (store, g_array_index (ids, gint64, i), NULL);

      if (record != NULL)
        json_array_add_object_element (records, record);
    }
  print_array (records);
}

/* The records found, one line each; how many there are in all when not all are shown */
static void
print_found (KithStore *store,
             GArray    *ids,
             guint      total)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KithRecordRow) row = kith_store_get_row (store, g_array_index (ids, gint64, i));
      g_autofree char *last = NULL;

      if (row == NULL)
        continue;
      last = format_ms (row->last_contact);
      g_print ("%-8" G_GINT64_FORMAT " %-32s %-10s %-28s %s\n", row->id, row->name, row->stage ? row->stage : "-",
               row->company ? row->company : row->headline ? row->headline : "-", last);
    }
  if (total > ids->len)
    g_printerr (_("%u of %u shown\n"), ids->len, total);
}

static int
cmd_find (KithStore  *store,
          int         argc,
          char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("[QUERY] — find records (docs/query-language.md)"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *sort_name = NULL;
  g_autofree char *group_name = NULL;
  g_autofree char *query = NULL;
  gboolean json_out = FALSE;
  gboolean count_only = FALSE;
  int limit = 50;
  int offset = 0;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, N_("person (default), company or project"), N_("KIND") },
    { "sort", 0, 0, G_OPTION_ARG_STRING, &sort_name, N_("name, last-contact, last-changed, created, stage or value"), N_("ORDER") },
    { "group", 0, 0, G_OPTION_ARG_STRING, &group_name, N_("stage or segment"), N_("GROUP") },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N records (0 for all)"), N_("N") },
    { "offset", 0, 0, G_OPTION_ARG_INT, &offset, N_("Skip the first N"), N_("N") },
    { "count", 0, 0, G_OPTION_ARG_NONE, &count_only, N_("Print only how many match"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_out, N_("Print the records as JSON"), NULL },
    { NULL }
  };
  KithRecordKind kind = KITH_RECORD_PERSON;
  KithSort sort = KITH_SORT_NAME;
  KithGroup group = KITH_GROUP_NONE;
  guint total = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!parse_find_args (context, entries, argc, argv, &query, &error))
    return usage (context, error->message);
  if (kind_name != NULL && (kind = kith_record_kind_from_string (kind_name)) == KITH_RECORD_KIND_INVALID)
    return usage (context, _("--kind: use person, company or project"));
  if (sort_name != NULL && !kith_sort_from_string (sort_name, &sort))
    return usage (context, _("--sort: use name, last-contact, last-changed, created, stage or value"));
  if (group_name != NULL && !kith_group_from_string (group_name, &group))
    return usage (context, _("--group: use stage or segment"));
  if (limit < 0 || offset < 0)
    return usage (context, _("--limit and --offset cannot be negative"));

  if (count_only)
    {
      guint n = kith_store_count (store, kind, query, &error);

      if (error != NULL)
        return fail (error->message);
      g_print ("%u\n", n);
      return 0;
    }

  ids = kith_store_find (store, kind, query, sort, group, (guint) offset, limit == 0 ? G_MAXUINT : (guint) limit,
                         &total, &error);
  if (ids == NULL)
    return fail (error->message);

  if (json_out)
    print_found_json (store, ids);
  else
    print_found (store, ids, total);

  return 0;
}

static int
cmd_log (KithStore  *store,
         int         argc,
         char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— add a timeline item"));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) item = NULL;
  g_autofree char *style = NULL, *subject = NULL, *body = NULL, *date = NULL, *outcome = NULL;
  g_autofree char *direction = NULL, *json = NULL;
  g_auto(GStrv) with = NULL;
  /* Not given; any number given, a negative one too, goes to the store to be checked */
  gint64 duration = G_MININT64;
  const GOptionEntry entries[] = {
    { "style", 0, 0, G_OPTION_ARG_STRING, &style, N_("email, call, text, meeting, direct, note or event"), N_("STYLE") },
    { "with", 0, 0, G_OPTION_ARG_STRING_ARRAY, &with, N_("Who it was with (repeatable)"), N_("IDENTIFIER") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("Subject"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &body, N_("Text"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("When (ISO 8601); now by default"), N_("DATE") },
    { "duration", 0, 0, G_OPTION_ARG_INT64, &duration, N_("Duration in seconds"), N_("SECONDS") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("Call outcome: connected, leftvm or noanswer"), N_("OUTCOME") },
    { "direction", 0, 0, G_OPTION_ARG_STRING, &direction, N_("inbound or outbound"), N_("DIRECTION") },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json, N_("Read the item as JSON from FILE, or - for standard input"), N_("FILE") },
    { NULL }
  };
  gint64 id;
  gboolean existed = FALSE;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);

  if (json != NULL)
    {
      if ((item = read_json_object (json, &error)) == NULL)
        return fail (error->message);
    }
  else
    {
      item = json_object_new ();
      json_object_set_string_member (item, "style", style ? style : "note");
      if (subject) json_object_set_string_member (item, "subject", subject);
      if (body) json_object_set_string_member (item, "body", body);
      if (date) json_object_set_string_member (item, "date", date);
      if (outcome) json_object_set_string_member (item, "outcome", outcome);
      if (direction) json_object_set_string_member (item, "direction", direction);
      if (duration != G_MININT64) json_object_set_int_member (item, "duration", duration);
      if (with != NULL)
        json_object_set_array_member (item, g_strcmp0 (style, "note") == 0 || style == NULL ? "references" : "participants",
                                      strv_to_array (with));
    }

  if ((id = kith_store_add_timeline_item (store, item, &existed, &error)) == 0)
    return fail (error->message);

  g_print (existed ? _("Already logged as item #%" G_GINT64_FORMAT "\n") : _("Logged item #%" G_GINT64_FORMAT "\n"), id);
  return 0;
}

/* @words: the subject as the words after "add", when there is no --subject */
static int
todo_add (KithStore   *store,
          char       **words,
          const char  *subject,
          const char  *when,
          char       **with)
{
  g_autoptr(JsonObject) todo = json_object_new ();
  g_autofree char *joined = words != NULL ? g_strjoinv (" ", words) : NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (joined != NULL)
    subject = joined;
  if (subject != NULL)
    json_object_set_string_member (todo, "subject", subject);
  if (when != NULL)
    json_object_set_string_member (todo, "when", when);
  if (with != NULL)
    json_object_set_array_member (todo, "participants", strv_to_array (with));
  if ((id = kith_store_add_todo (store, todo, &error)) == 0)
    return fail (error->message);
  g_print (_("Added to-do #%" G_GINT64_FORMAT "\n"), id);
  return 0;
}

static int
todo_list (KithStore *store,
           gboolean   all,
           gboolean   json_out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) todos = kith_store_list_todos (store, 0, all, &error);

  if (todos == NULL)
    return fail (error->message);
  if (json_out)
    {
      g_autoptr(JsonArray) json = kith_json_array_of_objects (todos, (KithToJson) kith_todo_to_json);

      print_array (json);
    }
  else
    for (guint i = 0; i < todos->len; i++)
      {
        KithTodo *t = g_ptr_array_index (todos, i);

        g_print ("%-6" G_GINT64_FORMAT " %-10s %s %s\n", kith_todo_get_id (t),
                 kith_todo_get_due (t) != NULL ? kith_todo_get_due (t) : "someday", kith_todo_get_done (t) ? "✓" : " ",
                 kith_todo_get_subject (t));
      }
  return 0;
}

static int
todo_done (KithStore      *store,
           GOptionContext *context,
           const char     *arg)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!parse_id (arg, &id))
    {
      g_autofree char *message = g_strdup_printf (_("todo done: “%s” is not a to-do number (such as 12 or #12)"),
                                                  arg);
      return usage (context, message);
    }
  if (!kith_store_set_todo_done (store, id, TRUE, &error))
    return fail (error->message);
  return 0;
}

static int
cmd_todo (KithStore  *store,
          int         argc,
          char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("add|list|done — to-dos"));
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL, *when = NULL;
  g_auto(GStrv) with = NULL;
  gboolean all = FALSE, json_out = FALSE;
  const GOptionEntry entries[] = {
    { "subject", 0, 0, G_OPTION_ARG_STRING, &subject, N_("What to do"), N_("TEXT") },
    { "when", 0, 0, G_OPTION_ARG_STRING, &when, N_("YYYY-MM-DD, YYYY-MM-DDTHH:MM (a local time of day) or someday"), N_("DATE") },
    { "with", 0, 0, G_OPTION_ARG_STRING_ARRAY, &with, N_("Who it is about (repeatable)"), N_("IDENTIFIER") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("List done to-dos too"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_out, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (argc < 2)
    return usage (context, _("todo: add, list or done"));

  if (g_str_equal (argv[1], "add"))
    return todo_add (store, subject == NULL && argc > 2 ? argv + 2 : NULL, subject, when, with);
  if (g_str_equal (argv[1], "list"))
    return todo_list (store, all, json_out);
  if (g_str_equal (argv[1], "done") && argc == 3)
    return todo_done (store, context, argv[2]);

  return usage (context, _("todo: add, list or done ID"));
}

static int
cmd_merge (KithStore  *store,
           int         argc,
           char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("SURVIVOR OTHER — merge OTHER into SURVIVOR"));
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (argc != 3)
    return usage (context, _("merge: name the record that stays and the one merged into it"));

  if ((a = resolve (store, argv[1], &error)) == 0 || (b = resolve (store, argv[2], &error)) == 0 ||
      !kith_store_merge_records (store, a, b, &error))
    return fail (error->message);

  g_print (_("Merged #%" G_GINT64_FORMAT " into #%" G_GINT64_FORMAT "\n"), b, a);
  return 0;
}

static void
on_demo_progress (guint    done,
                  guint    total,
                  gpointer user_data)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%s %u/%u", _("Generating"), done, total);
}

static int
cmd_demo (KithStore  *store,
          int         argc,
          char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— fill the data dir with generated demo data"));
  g_autoptr(GError) error = NULL;
  int people = 1000, interactions = 10000, seed = 1;
  const GOptionEntry entries[] = {
    { "people", 0, 0, G_OPTION_ARG_INT, &people, N_("How many people"), N_("N") },
    { "interactions", 0, 0, G_OPTION_ARG_INT, &interactions, N_("How many timeline items"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("The same seed gives the same data"), N_("S") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (people < 0 || interactions < 0 || seed < 0)
    return usage (context, _("demo: numbers cannot be negative"));

  if (!kith_demo_generate (store, (guint) people, (guint) interactions, (guint32) seed, on_demo_progress, NULL, &error))
    return fail (error->message);
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");

  return 0;
}

static int
cmd_stats (KithStore  *store,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) stats = kith_store_get_stats (store, &error);
  gboolean json_out = argc > 1 && g_str_equal (argv[1], "--json");

  if (stats == NULL)
    return fail (error->message);

  if (json_out)
    print_object (stats);
  else
    {
      g_autoptr(GList) members = json_object_get_members (stats);

      for (GList *l = members; l != NULL; l = l->next)
        g_print ("%-14s %" G_GINT64_FORMAT "\n", (const char *) l->data, json_object_get_int_member (stats, l->data));
    }

  return 0;
}

static void
print_agenda_todos (JsonObject *todos)
{
  static const char *names[] = { "overdue", "today", "upcoming", "someday" };
  static const char *titles[] = { N_("Overdue"), N_("Today"), N_("Upcoming"), N_("Someday") };

  for (guint s = 0; s < G_N_ELEMENTS (names); s++)
    {
      JsonArray *items = kith_json_get_array (todos, names[s]);

      if (json_array_get_length (items) == 0)
        continue;
      g_print ("\n%s\n", _(titles[s]));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *t = json_array_get_object_element (items, i);
          g_print ("  [%" G_GINT64_FORMAT "] %s (%s)\n", json_object_get_int_member (t, "id"),
                   json_object_get_string_member (t, "subject"), json_object_get_string_member (t, "when"));
        }
    }
}

/* The Agenda's other sections: who, and what about */
static void
print_agenda_sections (JsonObject *agenda)
{
  static const struct { const char *name; const char *title; } sections[] = {
    { "reminders", N_("Next steps") }, { "meetings", N_("Meetings today") }, { "needsReply", N_("Waiting for a reply") },
    { "stayInTouch", N_("Stay in touch") }, { "occasions", N_("Birthdays and anniversaries") },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonArray *items = kith_json_get_array (agenda, sections[s].name);

      if (json_array_get_length (items) == 0)
        continue;
      g_print ("\n%s\n", _(sections[s].title));
      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);
          JsonArray *people = kith_json_get_array (item, "people");
          const char *name = json_object_get_string_member_with_default (item, "name",
                               people != NULL && json_array_get_length (people) > 0
                               ? json_object_get_string_member (json_array_get_object_element (people, 0), "name") : "");
          const char *detail = json_object_get_string_member_with_default (item, "stepName",
                               json_object_get_string_member_with_default (item, "label",
                               json_object_get_string_member_with_default (item, "subject", "")));
          g_print ("  %s — %s\n", name, detail);
        }
    }
}

static int
cmd_agenda (KithStore  *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— what is due, and who to contact"));
  g_autoptr(GError) error = NULL;
  g_autoptr(KithAgendaModel) model = NULL;
  g_autoptr(JsonObject) agenda = NULL;
  g_autofree char *date = NULL;
  gboolean json_out = FALSE;
  const GOptionEntry entries[] = {
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day (YYYY-MM-DD); today by default"), N_("DATE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json_out, N_("Print JSON"), NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);

  if ((model = kith_agenda_compute_model (store, NULL, date, &error)) == NULL)
    return fail (error->message);
  agenda = kith_agenda_model_to_json (model);

  if (json_out)
    {
      print_object (agenda);
      return 0;
    }

  g_print ("%s %s\n", _("Agenda for"), json_object_get_string_member (agenda, "date"));
  print_agenda_todos (kith_json_get_object (agenda, "todos"));
  print_agenda_sections (agenda);

  return 0;
}

static int
cmd_segments (KithStore  *store,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) segments = kith_relationship_list_segments (store, &error);
  g_autoptr(JsonArray) array = NULL;

  if (segments == NULL)
    return fail (error->message);
  array = kith_cli_segments_to_json (segments);
  print_array (array);
  return 0;
}

static int
cmd_fields (KithStore  *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonArray) all = json_array_new ();

  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    {
      g_autoptr(GListModel) fields = kith_fields_list (store, kind, &error);

      if (fields == NULL)
        return fail (error->message);
      kith_cli_fields_to_json (fields, all);
    }
  print_array (all);
  return 0;
}

static int
cmd_preset (KithStore  *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;

  if (argc < 2)
    {
      g_autofree char *preset = kith_relationship_dup_preset (store);
      g_print ("%s\n", preset ? preset : _("(none chosen yet)"));
      return 0;
    }
  if (!kith_relationship_apply_preset (store, argv[1], &error))
    return fail (error->message);
  return 0;
}

static int
cmd_timeline (KithStore  *store,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(JsonArray) json = NULL;
  gint64 id;

  if (argc < 2)
    return usage (NULL, _("timeline: say which record"));
  if ((id = resolve (store, argv[1], &error)) == 0 ||
      (items = kith_store_get_timeline (store, id, 0, G_MAXUINT, &error)) == NULL)
    return fail (error->message);
  json = kith_json_array_of_objects (items, (KithToJson) kith_timeline_item_to_json);
  print_array (json);
  return 0;
}

static int
cmd_audit (KithStore  *store,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(JsonArray) json = NULL;
  gint64 id = 0;

  if (argc > 1 && (id = resolve (store, argv[1], &error)) == 0)
    return fail (error->message);
  if ((entries = kith_store_get_audit (store, id, 0, &error)) == NULL)
    return fail (error->message);
  json = kith_json_array_of_objects (entries, (KithToJson) kith_audit_entry_to_json);
  print_array (json);
  return 0;
}

#ifdef HAVE_SERVICES
/* How the one try went: sent (0), refused for good (1), or waiting for a later try (75) */
static int
report_send (KithOutgoing *msg)
{
  g_autofree char *message = NULL;

  switch (kith_outgoing_get_state (msg))
    {
    case KITH_OUTGOING_SENT:
      g_print (_("Sent “%s”, %s\n"), kith_outgoing_get_subject (msg), kith_outgoing_get_message_id (msg));
      return 0;
    case KITH_OUTGOING_QUEUED:
      {
        g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (kith_outgoing_get_send_after (msg) / G_USEC_PER_SEC);
        g_autofree char *time = g_date_time_format (when, "%X");

        message = g_strdup_printf (_("Not sent yet: %s. It stays in the Outbox; Kith tries again from %s"),
                                   kith_outgoing_get_error (msg), time);
        fail (message);
        return EXIT_TRY_LATER;
      }
    case KITH_OUTGOING_SENDING:
      g_print (_("Kith is sending “%s”: it is in the Outbox\n"), kith_outgoing_get_subject (msg));
      return 0;
    case KITH_OUTGOING_FAILED:
    case KITH_OUTGOING_DRAFT:
    default:
      message = g_strdup_printf (_("Not sent: %s. It is in the Outbox, marked as failed"),
                                 kith_outgoing_get_error (msg) != NULL ? kith_outgoing_get_error (msg) : _("no reason given"));
      return fail (message);
    }
}

static int
cmd_send (KithStore  *store,
          int         argc,
          char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— send an email through the Outbox"));
  g_autoptr(GError) error = NULL;
  g_autoptr(KithOutgoing) msg = NULL;
  g_autofree char *mail_dir = NULL;
  KithCliSend o = { 0 };
  const GOptionEntry entries[] = {
    { "account", 0, 0, G_OPTION_ARG_STRING, &o.account, N_("The mail account: its address or its ID"), N_("ACCOUNT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_("Send from this alias of the account"), N_("ADDRESS") },
    { "to", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.to, N_("Recipient (repeatable)"), N_("ADDRESS") },
    { "cc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.cc, N_("Copy to (repeatable)"), N_("ADDRESS") },
    { "bcc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.bcc, N_("Blind copy to (repeatable)"), N_("ADDRESS") },
    { "subject", 0, 0, G_OPTION_ARG_STRING, &o.subject, N_("Subject"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &o.body, N_("The text"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &o.body_file, N_("Read the text from FILE (UTF-8)"), N_("FILE") },
    { "html-file", 0, 0, G_OPTION_ARG_FILENAME, &o.html_file, N_("Also send FILE as the HTML version of the text"), N_("FILE") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.attachments, N_("Attach FILE (repeatable)"), N_("FILE") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = usage (context, error->message);
  else if (o.account == NULL)
    status = usage (context, _("send: say which account with --account"));
  else if ((o.body == NULL) == (o.body_file == NULL))
    status = usage (context, _("send: give the text with either --body or --body-file"));
  else if (argc > 1)
    status = usage (context, _("send: unexpected argument; recipients go with --to, --cc or --bcc"));
  else
    {
      mail_dir = g_build_filename (data_dir, "mail", NULL);
      msg = kith_cli_send_message (store, mail_dir, &o, &error);
      status = msg != NULL ? report_send (msg) : fail (error->message);
    }

  kith_cli_send_clear (&o);
  return status;
}

/* kith-cli import FILE: what became of each row, then each refused row with its reason */
static int
cmd_import (KithStore  *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — import people, companies or deals from a file"));
  g_autoptr(GError) error = NULL;
  g_autoptr(KithImport) import = NULL;
  g_autofree char *format = NULL;
  g_autofree char *mapping = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *summary = NULL;
  guint n_refused;
  gboolean dry_run = FALSE;
  KithImportOptions options = { KITH_RECORD_PERSON, NULL, NULL, NULL };
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what the import would do, and write nothing"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The file's format, when its name does not say"), N_("FORMAT") },
    { "mapping", 0, 0, G_OPTION_ARG_STRING, &mapping, N_("CSV: a preset's name or a mapping file"), N_("MAPPING") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, N_("CSV: what the rows are: person (default), company or project"), N_("KIND") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (argc != 2)
    return usage (context, _("import: give one file"));
  if (kind_name != NULL && (options.kind = kith_record_kind_from_string (kind_name)) == KITH_RECORD_KIND_INVALID)
    return usage (context, _("import: --kind is person, company or project"));
  options.mapping = mapping;

  import = kith_cli_import_file (store, argv[1], format, &options, dry_run, &error);
  if (import == NULL)
    return fail (error->message);

  summary = kith_import_describe (import);
  print_clean (dry_run ? _("Dry run, nothing written: ") : "");
  print_clean (summary);
  print_clean ("\n");
  for (const char * const *note = kith_import_get_notes (import); *note != NULL; note++)
    {
      g_autofree char *line = g_strdup_printf ("%s\n", *note);

      print_clean (line);
    }
  for (guint i = 0; i < kith_import_get_n_rejections (import); i++)
    {
      const KithImportRejection *r = kith_import_get_rejection (import, i);
      g_autofree char *line = g_strdup_printf (_("row %u: %s\n"), r->row, r->reason);

      print_clean (line);
    }

  /* A script learns that part of its file did not go in */
  n_refused = kith_import_get_n_rejections (import);
  if (n_refused > 0)
    {
      g_autofree char *message = NULL;
      guint n_taken = 0;

      for (KithImportOutcome o = KITH_IMPORT_CREATED; o < KITH_IMPORT_REJECTED; o++)
        n_taken += kith_import_get_count (import, o);

      if (n_taken == 0 && dry_run)
        message = g_strdup (_("Every row would be refused (listed above); nothing would be imported"));
      else if (n_taken == 0)
        message = g_strdup (_("Every row was refused (listed above); nothing was imported"));
      else if (dry_run)
        message = g_strdup_printf (ngettext ("%u row would be refused (listed above); the others would be imported",
                                             "%u rows would be refused (listed above); the others would be imported",
                                             n_refused), n_refused);
      else
        message = g_strdup_printf (ngettext ("%u row refused (listed above); the others were imported",
                                             "%u rows refused (listed above); the others were imported",
                                             n_refused), n_refused);
      return fail (message);
    }

  return 0;
}

static int
cmd_export (KithStore  *store,
            int         argc,
            char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— export records to a file or standard output"));
  g_autoptr(GError) error = NULL;
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *kind_name = NULL;
  g_autofree char *query = NULL;
  g_auto(GStrv) fields = NULL;
  KithExportOptions options = { KITH_RECORD_PERSON, NULL, NULL, NULL, NULL };
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("The format: csv, vcard, json or ical"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_name, N_("person (default), company or project"), N_("KIND") },
    { "query", 0, 0, G_OPTION_ARG_STRING, &query, N_("Only the records this query finds"), N_("QUERY") },
    { "field", 0, 0, G_OPTION_ARG_STRING_ARRAY, &fields, N_("CSV: a column to write (repeatable); all by default"), N_("FIELD") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage (context, error->message);
  if (format == NULL || argc != 1)
    return usage (context, _("export: say which format with --format"));
  if (kind_name != NULL && (options.kind = kith_record_kind_from_string (kind_name)) == KITH_RECORD_KIND_INVALID)
    return usage (context, _("export: --kind is person, company or project"));
  options.query = query;
  options.fields = (const char * const *) fields;

  return kith_cli_export (store, format, output, &options, &error) ? 0 : fail (error->message);
}
#endif

static const struct {
  const char  *name;
  CommandFunc  func;
  const char  *help;
} commands[] = {
  { "add", cmd_add, N_("Add a person, company or project") },
  { "get", cmd_get, N_("Show a record") },
  { "update", cmd_update, N_("Change a record") },
  { "delete", cmd_delete, N_("Delete a record") },
  { "find", cmd_find, N_("Find records with a query") },
  { "log", cmd_log, N_("Add an email, call, meeting or note to the timeline") },
#ifdef HAVE_SERVICES
  { "send", cmd_send, N_("Send an email through the Outbox") },
  { "mail-merge", kith_cli_mail_merge, N_("Send a template to many people, within the account’s limits") },
  { "import", cmd_import, N_("Import records from a CSV, vCard or JSON file") },
  { "export", cmd_export, N_("Export records as CSV, vCard, JSON or iCalendar") },
#endif
  { "todo", cmd_todo, N_("Add, list and complete to-dos") },
  { "merge", cmd_merge, N_("Merge two records") },
  { "agenda", cmd_agenda, N_("Show the Agenda") },
  { "timeline", cmd_timeline, N_("Show a record's timeline as JSON") },
  { "audit", cmd_audit, N_("Show the audit log as JSON") },
  { "segments", cmd_segments, N_("Show segments, stages and next steps as JSON") },
  { "fields", cmd_fields, N_("Show custom fields as JSON") },
  { "preset", cmd_preset, N_("Show or choose the preset: business or realestate") },
  { "demo", cmd_demo, N_("Fill the data dir with generated demo data") },
  { "stats", cmd_stats, N_("Count what is stored") },
  { "templates", kith_cli_templates, N_("List, add, show, delete and render email templates") },
  { "template", kith_cli_templates, N_("The same as “templates”") },
};

static char *
commands_help (void)
{
  GString *help = g_string_new (_("Commands:"));

  g_string_append_c (help, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (help, "  %-10s %s\n", commands[i].name, _(commands[i].help));
  g_string_append (help, _("\nRun “kith-cli COMMAND --help” for a command’s options."));

  return g_string_free (help, FALSE);
}

/* Opens the store of the data dir and runs @func on it */
static int
run_command (CommandFunc   func,
             int           argc,
             char        **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithStore) store = NULL;
  g_autofree char *path = NULL;
  int ret;

  if (data_dir == NULL)
    data_dir = g_strdup (g_getenv ("KITH_DATA_DIR"));
  if (data_dir == NULL)
    data_dir = g_build_filename (g_get_user_data_dir (), "kith", NULL);
  path = g_build_filename (data_dir, "kith.db", NULL);

  if ((store = kith_store_open (path, &error)) == NULL)
    return fail (error->message);
#ifdef HAVE_SERVICES
  kith_services_setup_store (store);
#endif

  ret = func (store, argc, argv);

  /* A write leaves the "changed" notification pending, and it holds a reference: let it
   * run, so that the store closes below and folds its write-ahead log into the file */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ret;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "data-dir", 'd', 0, G_OPTION_ARG_FILENAME, &data_dir, N_("Where Kith keeps its data (default: $KITH_DATA_DIR or ~/.local/share/kith)"), N_("DIR") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version"), NULL },
    { NULL }
  };
  int command_at = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_print_handler (print_clean);

  /* Global options come before the command; the command parses the rest */
  for (int i = 1; i < argc; i++)
    {
      if (argv[i][0] != '-')
        {
          command_at = i;
          break;
        }
      if ((g_str_equal (argv[i], "--data-dir") || g_str_equal (argv[i], "-d")) && i + 1 < argc)
        i++;
    }

  context = g_option_context_new (_("COMMAND [OPTIONS…] — Kith from the command line"));
  description = commands_help ();
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  {
    /* Parse a copy of the global part: parsing rearranges what it is given */
    int global_argc = command_at > 0 ? command_at : argc;
    g_autofree char **global = g_new0 (char *, global_argc + 1);
    char **globalp = global;

    memcpy (global, argv, global_argc * sizeof (char *));
    if (!g_option_context_parse (context, &global_argc, &globalp, &error))
      return usage (context, error->message);
  }

  if (version)
    {
      g_print ("kith-cli %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (command_at == 0)
    return usage (context, _("Say what to do"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[command_at], commands[i].name))
      return run_command (commands[i].func, argc - command_at, argv + command_at);

  {
    g_autofree char *message = g_strdup_printf (_("Unknown command “%s”"), argv[command_at]);
    return usage (context, message);
  }
}
