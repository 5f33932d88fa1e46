/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * `kith-cli templates` (or `template`): the template library from scripts — list, add, show,
 * delete — and `render`, one template merged for one person, as the composer and the merge
 * will send it. Texts come from options, files or standard input ("-").
 */

#define G_LOG_DOMAIN "KithCli"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-cli.h"
#include "kith-cli-templates.h"

typedef struct {
  char     *subject;
  char     *body;
  char     *body_file;
  gboolean  html;
  char     *account;
  char    **attachments;
  gint64    person;
  char     *my_name;
  char     *my_email;
  char     *my_signature;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->subject);
  g_free (o->body);
  g_free (o->body_file);
  g_free (o->account);
  g_strfreev (o->attachments);
  g_free (o->my_name);
  g_free (o->my_email);
  g_free (o->my_signature);
}

/* "#12" is template 12; anything else a name */
static KithTemplate *
resolve (KithStore   *store,
         const char  *which,
         GError     **error)
{
  guint64 id;

  if (which[0] == '#' && g_ascii_string_to_unsigned (which + 1, 10, 1, G_MAXINT64, &id, NULL))
    return kith_store_template_get (store, (gint64) id, error);

  return kith_store_template_find (store, which, error);
}

static JsonObject *
template_to_json (KithTemplate *t,
                  gboolean      with_texts)
{
  JsonObject *object = json_object_new ();
  const char * const *attachments = kith_template_get_attachments (t);
  JsonArray *files = json_array_new ();

  json_object_set_int_member (object, "id", kith_template_get_id (t));
  json_object_set_string_member (object, "name", kith_template_get_name (t));
  json_object_set_string_member (object, "subject", kith_template_get_subject (t));
  if (with_texts)
    json_object_set_string_member (object, "body", kith_template_get_body (t));
  json_object_set_string_member (object, "bodyType",
                                 kith_template_get_body_type (t) == KITH_TEMPLATE_BODY_HTML ? "html" : "text");
  if (kith_template_get_account (t) != NULL)
    json_object_set_string_member (object, "account", kith_template_get_account (t));
  else
    json_object_set_null_member (object, "account");
  for (guint i = 0; attachments != NULL && attachments[i] != NULL; i++)
    json_array_add_string_element (files, attachments[i]);
  json_object_set_array_member (object, "attachments", files);
  json_object_set_int_member (object, "created", kith_template_get_created (t));
  json_object_set_int_member (object, "changed", kith_template_get_changed (t));

  return object;
}

static int
cmd_list (KithStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = kith_store_templates_list (store, &error);
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  if (templates == NULL)
    return kith_cli_fail (error->message);

  array = json_array_new ();
  for (guint i = 0; i < templates->len; i++)
    json_array_add_object_element (array, template_to_json (g_ptr_array_index (templates, i), FALSE));
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  kith_cli_print_json (node);
  return 0;
}

static int
cmd_show (KithStore  *store,
          const char *which)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) t = resolve (store, which, &error);
  g_autoptr(JsonNode) node = NULL;

  if (t == NULL)
    return kith_cli_fail (error->message);

  node = json_node_init_object (json_node_alloc (), template_to_json (t, TRUE));
  json_object_unref (json_node_get_object (node));
  kith_cli_print_json (node);
  return 0;
}

static int
cmd_add (KithStore  *store,
         const char *name,
         Options    *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) t = kith_template_new (name);
  g_autofree char *body = o->body_file != NULL ? kith_cli_read_input (o->body_file, NULL, &error)
                                                : g_strdup (o->body);

  if (o->body_file != NULL && body == NULL)
    return kith_cli_fail (error->message);

  g_object_set (t, "subject", o->subject, "body", body, "account", o->account, "attachments", o->attachments,
                "body-type", o->html ? KITH_TEMPLATE_BODY_HTML : KITH_TEMPLATE_BODY_TEXT, NULL);
  if (kith_store_template_save (store, t, &error) == 0)
    return kith_cli_fail (error->message);

  g_print ("%" G_GINT64_FORMAT "\n", kith_template_get_id (t));
  return 0;
}

static int
cmd_delete (KithStore  *store,
            const char *which)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) t = resolve (store, which, &error);
  gint64 undo_id;

  if (t == NULL)
    return kith_cli_fail (error->message);

  /* No Undo toast here: the delete is final at once */
  undo_id = kith_store_template_delete_with_undo (store, kith_template_get_id (t), &error);
  if (undo_id == 0 || !kith_store_forget_undo (store, undo_id, &error))
    return kith_cli_fail (error->message);

  g_print (_("Deleted template “%s”\n"), kith_template_get_name (t));
  return 0;
}

static void
set_sender (KithStore          *store,
            KithTemplateValues *values,
            Options            *o)
{
  g_autofree char *name = NULL;
  g_auto(GStrv) me = kith_store_dup_me (store, &name);
  const char *email = o->my_email != NULL ? o->my_email : (me != NULL ? me[0] : NULL);

  kith_template_values_set_sender (values, o->my_name != NULL ? o->my_name : name, email, o->my_signature);
}

static int
cmd_render (KithStore  *store,
            const char *which,
            Options    *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) t = resolve (store, which, &error);
  g_autoptr(KithCompiledTemplate) compiled = NULL;
  g_autoptr(KithTemplateValues) values = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;

  if (t == NULL || (compiled = kith_store_template_compile (store, t, NULL, NULL, &error)) == NULL)
    return kith_cli_fail (error->message);

  values = kith_template_values_new (kith_compiled_template_get_fields (compiled));
  set_sender (store, values, o);
  if (!kith_store_template_fill_person (store, o->person, values, &error) ||
      !kith_compiled_template_render_strings (compiled, values, &subject, &body, &error))
    return kith_cli_fail (error->message);

  g_print ("Subject: %s\n\n%s\n", subject, body);
  return 0;
}

static int
run (KithStore      *store,
     GOptionContext *context,
     int             argc,
     char          **argv,
     Options        *o)
{
  const char *verb = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (verb, "list") == 0 && argc == 2)
    return cmd_list (store);
  if (argc != 3)
    return kith_cli_usage (context, _("templates: list, add NAME, show NAME, delete NAME or render NAME --person ID"));
  if (g_strcmp0 (verb, "show") == 0)
    return cmd_show (store, argv[2]);
  if (g_strcmp0 (verb, "add") == 0)
    return o->body != NULL && o->body_file != NULL
           ? kith_cli_usage (context, _("add: give the body with either --body or --body-file"))
           : cmd_add (store, argv[2], o);
  if (g_strcmp0 (verb, "delete") == 0)
    return cmd_delete (store, argv[2]);
  if (g_strcmp0 (verb, "render") == 0)
    return o->person <= 0 ? kith_cli_usage (context, _("render: say for whom with --person ID"))
                          : cmd_render (store, argv[2], o);

  return kith_cli_usage (context, _("templates: list, add NAME, show NAME, delete NAME or render NAME --person ID"));
}

/**
 * kith_cli_templates:
 *
 * `kith-cli templates list|add|show|delete|render …`
 *
 * Returns: the exit status
 */
int
kith_cli_templates (KithStore  *store,
                    int         argc,
                    char      **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("list | add NAME | show NAME | delete NAME | render NAME — email templates"));
  g_autoptr(GError) error = NULL;
  Options o = { 0 };
  const GOptionEntry entries[] = {
    { "subject", 0, 0, G_OPTION_ARG_STRING, &o.subject, N_("add: the subject"), N_("TEXT") },
    { "body", 0, 0, G_OPTION_ARG_STRING, &o.body, N_("add: the body"), N_("TEXT") },
    { "body-file", 0, 0, G_OPTION_ARG_FILENAME, &o.body_file, N_("add: read the body from FILE, or “-” for standard input"), N_("FILE") },
    { "html", 0, 0, G_OPTION_ARG_NONE, &o.html, N_("add: the body is HTML"), NULL },
    { "account", 0, 0, G_OPTION_ARG_STRING, &o.account, N_("add: send from this mail account (its ID)"), N_("ACCOUNT") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &o.attachments, N_("add: attach FILE (repeatable)"), N_("FILE") },
    { "person", 0, 0, G_OPTION_ARG_INT64, &o.person, N_("render: for this person"), N_("ID") },
    { "my-name", 0, 0, G_OPTION_ARG_STRING, &o.my_name, N_("render: the sender’s name (default: yours)"), N_("NAME") },
    { "my-email", 0, 0, G_OPTION_ARG_STRING, &o.my_email, N_("render: the sender’s address (default: yours)"), N_("ADDRESS") },
    { "my-signature", 0, 0, G_OPTION_ARG_STRING, &o.my_signature, N_("render: the signature"), N_("TEXT") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = kith_cli_usage (context, error->message);
  else
    status = run (store, context, argc, argv, &o);

  options_clear (&o);
  return status;
}
