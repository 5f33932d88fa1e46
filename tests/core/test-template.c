/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <sqlite3.h>

#include "kith-schema.h"
#include "kith-test-util.h"

/* The template engine (parse, render), the template library (save, refuse, delete, undo) and
 * next steps pointing at stored templates */

static KithCompiledTemplate *
compile (KithTemplateFields *fields,
         const char         *subject,
         const char         *body,
         gboolean            html)
{
  g_autoptr(GError) error = NULL;
  KithCompiledTemplate *compiled = kith_compiled_template_new (fields, subject, body, html, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (compiled);
  return compiled;
}

/* Renders @compiled; whether it was complete into @out_complete */
static void
render (KithCompiledTemplate  *compiled,
        KithTemplateValues    *values,
        char                 **out_subject,
        char                 **out_body,
        gboolean              *out_complete,
        GPtrArray             *empty)
{
  GString *subject = g_string_new (NULL);
  GString *body = g_string_new (NULL);

  *out_complete = kith_compiled_template_render (compiled, values, subject, body, empty);
  *out_subject = g_string_free (subject, FALSE);
  *out_body = g_string_free (body, FALSE);
}

static KithTemplateValues *
ada_values (KithTemplateFields *fields)
{
  KithTemplateValues *values = kith_template_values_new (fields);

  kith_template_values_set (values, KITH_TEMPLATE_FIRST_NAME, "Ada");
  kith_template_values_set (values, KITH_TEMPLATE_LAST_NAME, "Lovelace");
  kith_template_values_set (values, KITH_TEMPLATE_NAME, "Ada Lovelace");
  kith_template_values_set (values, KITH_TEMPLATE_COMPANY, "Analytical Engines");
  kith_template_values_set (values, KITH_TEMPLATE_HEADLINE, "Countess");
  kith_template_values_set (values, KITH_TEMPLATE_EMAIL, "ada@example.com");
  kith_template_values_set (values, KITH_TEMPLATE_SEGMENT, "Buyers");
  kith_template_values_set (values, KITH_TEMPLATE_STAGE, "Warm");
  kith_template_values_set_sender (values, "Grace Brewster Hopper", "grace@example.com", "Grace\n-- Navy");
  return values;
}

/* Every built-in field and my.*, in any case and with spaces in the braces */
static void
test_builtin_fields (void)
{
  g_autoptr(KithTemplateFields) fields = kith_template_fields_new ();
  g_autoptr(KithTemplateValues) values = ada_values (fields);
  g_autoptr(KithCompiledTemplate) compiled =
    compile (fields, "For {{ name }}",
             "{{first_name}}|{{last_name}}|{{company}}|{{headline}}|{{email}}|{{segment}}|{{stage}}|{{First Name}}\n"
             "{{my.first_name}}|{{my.last_name}}|{{my.name}}|{{my.email}}\n{{my.signature}}", FALSE);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean complete;

  render (compiled, values, &subject, &body, &complete, NULL);
  g_assert_true (complete);
  g_assert_cmpstr (subject, ==, "For Ada Lovelace");
  g_assert_cmpstr (body, ==, "Ada|Lovelace|Analytical Engines|Countess|ada@example.com|Buyers|Warm|Ada\n"
                             "Grace|Brewster Hopper|Grace Brewster Hopper|grace@example.com\nGrace\n-- Navy");
}

/* A fallback stands in for an empty value (also one of spaces); an empty fallback says the
 * field may be empty; `}}` alone is text and `\{{` writes `{{` */
static void
test_fallbacks (void)
{
  g_autoptr(KithTemplateFields) fields = kith_template_fields_new ();
  g_autoptr(KithTemplateValues) values = kith_template_values_new (fields);
  g_autoptr(KithCompiledTemplate) compiled =
    compile (fields, "Hi {{first_name|there}}", "{{company | your team }}.{{headline|}}. a}} \\{{b}} {{email|x|y}}",
             FALSE);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean complete;

  kith_template_values_set (values, KITH_TEMPLATE_HEADLINE, "  ");
  render (compiled, values, &subject, &body, &complete, NULL);
  g_assert_true (complete);
  g_assert_cmpstr (subject, ==, "Hi there");
  g_assert_cmpstr (body, ==, "your team.. a}} {{b}} x|y");

  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);
  kith_template_values_set (values, KITH_TEMPLATE_FIRST_NAME, "Ada");
  render (compiled, values, &subject, &body, &complete, NULL);
  g_assert_cmpstr (subject, ==, "Hi Ada");
}

/* A field without fallback that is empty is reported by name, once, across subject and body */
static void
test_empty_report (void)
{
  g_autoptr(KithTemplateFields) fields = kith_template_fields_new ();
  g_autoptr(KithTemplateValues) values = kith_template_values_new (fields);
  g_autoptr(KithCompiledTemplate) compiled =
    compile (fields, "{{first_name}}", "Dear {{first_name}} of {{company}}, {{email|}} {{headline|-}}", FALSE);
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  char *s = NULL, *b = NULL;
  gboolean complete;

  kith_template_values_set (values, KITH_TEMPLATE_COMPANY, "Acme");
  render (compiled, values, &subject, &body, &complete, empty);
  g_assert_false (complete);
  g_assert_cmpuint (empty->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (empty, 0), ==, "first_name");
  /* It still renders, for a preview that shows the gap */
  g_assert_cmpstr (body, ==, "Dear  of Acme,  -");

  g_assert_false (kith_compiled_template_render_strings (compiled, values, &s, &b, &error));
  g_assert_error (error, KITH_TEMPLATE_ERROR, KITH_TEMPLATE_ERROR_EMPTY_FIELDS);
  g_assert_nonnull (strstr (error->message, "“first_name”"));
  g_assert_null (s);

  g_clear_error (&error);
  kith_template_values_set (values, KITH_TEMPLATE_FIRST_NAME, "Ada");
  g_assert_true (kith_compiled_template_render_strings (compiled, values, &s, &b, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (s, ==, "Ada");
  g_free (s);
  g_free (b);
}

/* In an HTML body values are text: a name "<script>" stays text, the template's HTML stays
 * HTML; in plain text nothing is escaped; a subject takes no line break from a value */
static void
test_html_escaping (void)
{
  g_autoptr(KithTemplateFields) fields = kith_template_fields_new ();
  g_autoptr(KithTemplateValues) values = kith_template_values_new (fields);
  g_autoptr(KithCompiledTemplate) html =
    compile (fields, "Re: {{company}}", "<p class=\"x\">Hello {{name}} &amp; {{company|<b>you</b>}}</p>{{headline}}", TRUE);
  g_autoptr(KithCompiledTemplate) text = compile (fields, "{{name}}", "Hello {{name}}", FALSE);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  gboolean complete;

  kith_template_values_set (values, KITH_TEMPLATE_NAME, "<script>alert('x')</script> & \"Bob\"");
  kith_template_values_set (values, KITH_TEMPLATE_HEADLINE, "one\ntwo");
  render (html, values, &subject, &body, &complete, NULL);
  g_assert_cmpstr (body, ==, "<p class=\"x\">Hello &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Bob&quot; "
                             "&amp; <b>you</b></p>one<br>\ntwo");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);

  kith_template_values_set (values, KITH_TEMPLATE_COMPANY, "Acme\r\nBcc: evil@example.com\nX");
  render (text, values, &subject, &body, &complete, NULL);
  g_assert_cmpstr (body, ==, "Hello <script>alert('x')</script> & \"Bob\"");
  g_clear_pointer (&subject, g_free);
  g_clear_pointer (&body, g_free);
  render (html, values, &subject, &body, &complete, NULL);
  g_assert_cmpstr (subject, ==, "Re: Acme Bcc: evil@example.com X");
}

/* Each kind of error, with its line and column (in characters) and byte offset, and the part */
static void
test_error_positions (void)
{
  static const struct {
    const char *subject;
    const char *body;
    int         code;
    KithTemplatePart part;
    guint       line;
    guint       column;
    gsize       offset;
    const char *in_message;
  } cases[] = {
    { "Hi {{first_name", "", KITH_TEMPLATE_ERROR_UNCLOSED, KITH_TEMPLATE_PART_SUBJECT, 1, 4, 3, "Subject: Line 1, column 4" },
    { "", "Dear you,\nhé {{first_name\n}}", KITH_TEMPLATE_ERROR_UNCLOSED, KITH_TEMPLATE_PART_BODY, 2, 4, 14, "Body: Line 2, column 4" },
    { "", "a {{b {{first_name}}", KITH_TEMPLATE_ERROR_UNCLOSED, KITH_TEMPLATE_PART_BODY, 1, 3, 2, "not closed" },
    { "", "x\ny\n  {{ }}", KITH_TEMPLATE_ERROR_EMPTY_FIELD, KITH_TEMPLATE_PART_BODY, 3, 3, 6, "needs a name" },
    { "{{|there}}", "", KITH_TEMPLATE_ERROR_EMPTY_FIELD, KITH_TEMPLATE_PART_SUBJECT, 1, 1, 0, "Line 1, column 1" },
    { "", "ça {{ frist_name|x}}", KITH_TEMPLATE_ERROR_UNKNOWN_FIELD, KITH_TEMPLATE_PART_BODY, 1, 7, 7, "did you mean “first_name”" },
    { "", "{{my.phone}}", KITH_TEMPLATE_ERROR_UNKNOWN_FIELD, KITH_TEMPLATE_PART_BODY, 1, 3, 2, "no field “my.phone”" },
    { "", "{{#company}}", KITH_TEMPLATE_ERROR_UNKNOWN_FIELD, KITH_TEMPLATE_PART_BODY, 1, 3, 2, "no field “#company”" },
    { "", "ok\n\xff", KITH_TEMPLATE_ERROR_BAD_TEXT, KITH_TEMPLATE_PART_BODY, 2, 1, 3, "UTF-8" },
  };
  g_autoptr(KithTemplateFields) fields = kith_template_fields_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KithCompiledTemplate) compiled = NULL;
      KithTemplatePosition where = { 0, 0, 0 };
      KithTemplatePart part = 99;

      compiled = kith_compiled_template_new (fields, cases[i].subject, cases[i].body, FALSE, &part, &where, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(no error)");
      g_assert_null (compiled);
      g_assert_error (error, KITH_TEMPLATE_ERROR, cases[i].code);
      g_assert_cmpint (part, ==, cases[i].part);
      g_assert_cmpuint (where.line, ==, cases[i].line);
      g_assert_cmpuint (where.column, ==, cases[i].column);
      g_assert_cmpuint (where.offset, ==, cases[i].offset);
      g_assert_nonnull (strstr (error->message, cases[i].in_message));
      /* #name is a custom field: no built-in one is suggested */
      if (strstr (cases[i].body, "#") != NULL)
        g_assert_null (strstr (error->message, "did you mean"));
    }
}

static gint64
add_field (KithTestStore *t,
           const char    *name,
           const char    *type,
           const char    *key)
{
  const char *options[] = { "Pool", "Garage", "Garden", "Zillow", NULL };
  gboolean picks = g_str_equal (type, "multipick") || g_str_equal (type, "pick");
  g_autoptr(KithFieldDefinition) def =
    g_object_new (KITH_TYPE_FIELD_DEFINITION, "name", name, "field-type", type, "key", key,
                  "options", picks ? options : NULL, "currency", g_str_equal (type, "currency") ? "usd" : NULL, NULL);
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = kith_fields_add (t->store, def, &error);
  g_assert_no_error (error);
  return id;
}

static KithTemplate *
new_template (const char *name,
              const char *subject,
              const char *body)
{
  return g_object_new (KITH_TYPE_TEMPLATE, "name", name, "subject", subject, "body", body, NULL);
}

static gint64
save (KithTestStore *t,
      KithTemplate  *template)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_store_template_save (t->store, template, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* Renders stored template @template for person @person_id, which must be complete */
static char *
render_for (KithTestStore *t,
            KithTemplate  *template,
            gint64         person_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithCompiledTemplate) compiled = kith_store_template_compile (t->store, template, NULL, NULL, &error);
  g_autoptr(KithTemplateValues) values = NULL;
  g_autofree char *subject = NULL;
  char *body = NULL;

  g_assert_no_error (error);
  values = kith_template_values_new (kith_compiled_template_get_fields (compiled));
  g_assert_true (kith_store_template_fill_person (t->store, person_id, values, &error));
  g_assert_no_error (error);
  g_assert_true (kith_compiled_template_render_strings (compiled, values, &subject, &body, &error));
  g_assert_no_error (error);
  return body;
}

/* A person's fields from the store: names, company, first email, the display names of segment
 * and stage, and custom fields by name (with spaces), by key, or with # */
static void
test_person_and_custom_fields (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = NULL;
  g_autoptr(KithTemplateFields) fields = NULL;
  g_autofree char *body = NULL;
  gint64 id;

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", &error));
  add_field (t, "Lead source", "text", NULL);
  add_field (t, "Must haves", "multipick", NULL);
  add_field (t, "Closing date", "date", "closing_date");
  add_field (t, "Company", "text", "company_note");
  add_field (t, "Source", "pick", NULL);
  add_field (t, "Bedrooms", "integer", NULL);
  add_field (t, "Commission rate", "decimal", NULL);
  add_field (t, "Price", "currency", NULL);
  kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Analytical Engines\", \"domains\": [\"engines.example\"]}");
  id = kith_test_create (t, KITH_RECORD_PERSON,
                         "{\"name\": \"Ada Lovelace\", \"headline\": \"Countess\", \"company\": \"Analytical Engines\","
                         " \"emails\": [\"ada@example.com\", \"ada@home.example\"], \"segment\": \"customer\", \"stage\": \"lead\","
                         " \"customFields\": [{\"id\": \"lead_source\", \"value\": \"Open house\"},"
                         "  {\"id\": \"must_haves\", \"value\": [\"Pool\", \"Garden\"]},"
                         "  {\"id\": \"closing_date\", \"value\": \"2027-01-15\"},"
                         "  {\"id\": \"company_note\", \"value\": \"big\"},"
                         "  {\"id\": \"source\", \"value\": \"zillow\"}, {\"id\": \"bedrooms\", \"value\": 3},"
                         "  {\"id\": \"commission_rate\", \"value\": \"2.5\"},"
                         "  {\"id\": \"price\", \"value\": \"$1,250,000.50\"}]}");

  fields = kith_store_template_fields (t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kith_template_fields_get_n_slots (fields), ==, KITH_TEMPLATE_N_BUILTIN + 8);
  g_assert_cmpint (kith_template_fields_lookup (fields, "LEAD-SOURCE"), ==, KITH_TEMPLATE_N_BUILTIN);

  template = new_template ("Custom", "", "{{first_name}} {{last_name}} ({{name}}) of {{company}}, {{headline}}, "
                           "{{email}}, {{segment}}/{{stage}}: {{Lead source}} {{lead_source}} {{must haves}} "
                           "{{closing_date}} {{#company}} {{#Company}} {{source}} {{bedrooms}} {{Commission rate}} "
                           "{{price}}");
  save (t, template);
  body = render_for (t, template, id);
  g_assert_cmpstr (body, ==, "Ada Lovelace (Ada Lovelace) of Analytical Engines, Countess, ada@example.com, Buyers/Warm: "
                             "Open house Open house Pool, Garden 2027-01-15 big big Zillow 3 2.5 1250000.50");

  /* No such person */
  {
    g_autoptr(KithTemplateValues) values = kith_template_values_new (fields);

    g_assert_false (kith_store_template_fill_person (t->store, 999, values, &error));
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  }
}

static void
on_changed_cb (KithStore        *store,
               KithStoreChanges *changes,
               gpointer          user_data)
{
  KithStoreChanges **out = user_data;

  g_clear_pointer (out, kith_store_changes_unref);
  *out = kith_store_changes_ref (changes);
}

/* Save, read, list, rename; a name taken and a template that does not parse are refused with
 * nothing written; attachments are copied into Kith's files */
static void
test_store_crud (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) welcome = new_template ("Welcome", "Welcome, {{first_name|friend}}", "<p>Hi</p>");
  g_autoptr(KithTemplate) broken = new_template ("Broken", "Hi", "Line one\nDear {{frist_name}}");
  g_autoptr(KithTemplate) again = new_template ("WELCOME", "x", "y");
  g_autoptr(KithTemplate) read = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *file = g_build_filename (t->dir, "brochure.pdf", NULL);
  const char *attachments[] = { file, NULL };
  KithStoreChanges *heard = NULL;
  gint64 id;

  g_assert_true (g_file_set_contents (file, "%PDF", -1, NULL));
  g_object_set (welcome, "body-type", KITH_TEMPLATE_BODY_HTML, "account", "work", "attachments", attachments, NULL);
  g_signal_connect (t->store, "changed", G_CALLBACK (on_changed_cb), &heard);
  id = save (t, welcome);
  g_assert_cmpint (kith_template_get_id (welcome), ==, id);
  g_assert_cmpint (kith_template_get_created (welcome), ==, t->now);
  /* The copy, not the original */
  g_assert_false (g_str_equal (kith_template_get_attachments (welcome)[0], file));
  g_assert_true (g_str_has_suffix (kith_template_get_attachments (welcome)[0], "brochure.pdf"));
  g_assert_true (g_file_test (kith_template_get_attachments (welcome)[0], G_FILE_TEST_IS_REGULAR));
  while (heard == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (kith_store_changes_has_area (heard, KITH_STORE_AREA_TEMPLATES));
  g_assert_false (kith_store_changes_has_area (heard, KITH_STORE_AREA_SIGNATURES));
  g_signal_handlers_disconnect_by_func (t->store, on_changed_cb, &heard);
  g_clear_pointer (&heard, kith_store_changes_unref);

  read = kith_store_template_find (t->store, "welcome", &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_template_get_id (read), ==, id);
  g_assert_cmpstr (kith_template_get_subject (read), ==, "Welcome, {{first_name|friend}}");
  g_assert_cmpint (kith_template_get_body_type (read), ==, KITH_TEMPLATE_BODY_HTML);
  g_assert_cmpstr (kith_template_get_account (read), ==, "work");
  g_assert_cmpstrv (kith_template_get_attachments (read), kith_template_get_attachments (welcome));

  /* A name taken, in any case */
  g_assert_cmpint (kith_store_template_save (t->store, again, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* Refused with where the problem is */
  g_assert_cmpint (kith_store_template_save (t->store, broken, &error), ==, 0);
  g_assert_error (error, KITH_TEMPLATE_ERROR, KITH_TEMPLATE_ERROR_UNKNOWN_FIELD);
  g_assert_nonnull (strstr (error->message, "Body: Line 2, column 8"));
  g_assert_cmpint (kith_template_get_id (broken), ==, 0);
  g_clear_error (&error);
  g_clear_object (&read);
  read = kith_store_template_find (t->store, "Broken", &error);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An attachment that cannot be read: refused, nothing copied */
  {
    g_autoptr(KithTemplate) missing = new_template ("Missing file", "", "");
    const char *gone[] = { "/nonexistent/brochure.pdf", NULL };

    kith_template_set_attachments (missing, gone);
    g_assert_cmpint (kith_store_template_save (t->store, missing, &error), ==, 0);
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "/nonexistent/brochure.pdf"));
    g_clear_error (&error);
  }

  /* Renamed and changed; the copy stays one copy */
  t->now += 1000;
  kith_template_set_name (welcome, "Hello");
  g_assert_cmpint (save (t, welcome), ==, id);
  g_assert_cmpint (kith_template_get_changed (welcome), ==, t->now);
  g_assert_cmpint (kith_template_get_created (welcome), ==, t->now - 1000);
  list = kith_store_templates_list (t->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (kith_template_get_name (g_ptr_array_index (list, 0)), ==, "Hello");
  g_assert_cmpuint (g_strv_length ((char **) kith_template_get_attachments (g_ptr_array_index (list, 0))), ==, 1);

  /* A file no longer attached: its copy goes */
  {
    g_autofree char *copy = g_strdup (kith_template_get_attachments (welcome)[0]);

    kith_template_set_attachments (welcome, NULL);
    save (t, welcome);
    g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  }
}

/* Steps of segment customer, stage lead, named @name; (transfer none) */
static KithStep *
find_step (GListModel *segments,
           const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (segments); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (segments, i);
      GListModel *stages = kith_segment_get_stages (segment);

      for (guint j = 0; j < g_list_model_get_n_items (stages); j++)
        {
          g_autoptr(KithStage) stage = g_list_model_get_item (stages, j);
          GListModel *steps = kith_stage_get_steps (stage);

          for (guint k = 0; k < g_list_model_get_n_items (steps); k++)
            {
              g_autoptr(KithStep) step = g_list_model_get_item (steps, k);

              if (g_strcmp0 (kith_step_get_name (step), name) == 0)
                return step;
            }
        }
    }

  g_assert_not_reached ();
}

/* The template name and stored template of step @name, as the store reads them */
static void
assert_step (KithTestStore *t,
             const char    *name,
             const char    *template,
             gint64         template_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) segments = kith_relationship_list_segments (t->store, &error);
  KithStep *step;

  g_assert_no_error (error);
  step = find_step (segments, name);
  g_assert_cmpstr (kith_step_get_template (step), ==, template);
  g_assert_cmpint (kith_step_get_template_id (step), ==, template_id);
}

/* Deleting a template leaves its steps with its name and no template; undo brings the
 * template back with its id and links its steps again; forgetting removes its files */
static void
test_delete_undo (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = new_template ("Buyer welcome", "Welcome", "Hi {{first_name|there}}");
  g_autoptr(KithTemplate) back = NULL;
  g_autoptr(KithTemplate) taken = NULL;
  g_autofree char *file = g_build_filename (t->dir, "map.png", NULL);
  const char *attachments[] = { file, NULL };
  g_autofree char *folder = NULL;
  gint64 id, undo_id;

  g_assert_true (kith_relationship_apply_preset (t->store, "realestate", &error));
  g_assert_no_error (error);
  assert_step (t, "Send welcome email", "Buyer welcome", 0);
  g_assert_true (g_file_set_contents (file, "png", -1, NULL));
  kith_template_set_attachments (template, attachments);
  id = save (t, template);
  assert_step (t, "Send welcome email", "Buyer welcome", id);
  folder = g_path_get_dirname (kith_template_get_attachments (template)[0]);

  undo_id = kith_store_template_delete_with_undo (t->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (undo_id, >, 0);
  g_assert_null (kith_store_template_get (t->store, id, NULL));
  assert_step (t, "Send welcome email", "Buyer welcome", 0);
  g_assert_true (g_file_test (folder, G_FILE_TEST_IS_DIR));

  g_assert_true (kith_store_undo (t->store, undo_id, &error));
  g_assert_no_error (error);
  back = kith_store_template_get (t->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kith_template_get_body (back), ==, "Hi {{first_name|there}}");
  assert_step (t, "Send welcome email", "Buyer welcome", id);

  /* Gone for good: its files go too; a second delete of what is not there fails */
  undo_id = kith_store_template_delete_with_undo (t->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (kith_store_forget_undo (t->store, undo_id, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (kith_store_template_delete_with_undo (t->store, id, &error), ==, 0);
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An undo whose name was taken meanwhile cannot come back */
  g_clear_object (&template);
  template = new_template ("Check-in", "", "");
  id = save (t, template);
  undo_id = kith_store_template_delete_with_undo (t->store, id, &error);
  taken = new_template ("check-in", "", "");
  save (t, taken);
  g_assert_false (kith_store_undo (t->store, undo_id, &error));
  g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_CONFLICT);
}

/* Setting a step's template by name links it when such a template is stored */
static void
test_step_set_template (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = new_template ("Intro", "", "");
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 id;

  g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));
  id = save (t, template);
  g_ptr_array_add (steps, kith_step_new (NULL, "Write", "intro", 0));
  g_ptr_array_add (steps, kith_step_new (NULL, "Call", "Call script", 0));
  g_assert_true (kith_relationship_set_steps (t->store, "partner", "future", steps, &error));
  g_assert_no_error (error);
  assert_step (t, "Write", "intro", id);
  assert_step (t, "Call", "Call script", 0);
}

/* The template id of the Agenda's reminder for @record_id; -1 when there is no reminder */
static gint64
reminder_template_id (KithTestStore *t,
                      gint64         record_id)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_utc ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithAgendaModel) model = kith_agenda_compute_model (t->store, tz, NULL, &error);
  KithAgendaSection *section;

  g_assert_no_error (error);
  section = kith_agenda_model_get_section (model, KITH_AGENDA_SECTION_REMINDERS);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (section)); i++)
    {
      g_autoptr(KithAgendaEntry) entry = g_list_model_get_item (G_LIST_MODEL (section), i);

      if (kith_agenda_entry_get_record_id (entry) == record_id)
        return kith_agenda_entry_get_template_id (entry);
    }

  return -1;
}

/* A step reminder on the Agenda says which stored template its step names, or none */
static void
test_agenda_reminder (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = new_template ("Proposal", "Our proposal", "Hi {{first_name|there}}");
  gint64 ada, id;

  g_assert_true (kith_relationship_apply_preset (t->store, "business", &error));
  /* "Send proposal", template "Proposal", reminds after 3 days */
  ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"segment\": \"customer\", "
                                                 "\"stage\": \"future\", \"step\": \"Send proposal\"}");
  t->now += 4 * 86400000;
  g_assert_cmpint (reminder_template_id (t, ada), ==, 0);

  id = save (t, template);
  g_assert_cmpint (reminder_template_id (t, ada), ==, id);
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* A database from before templates: its steps keep their names with no template; a template
 * saved later under one of the names is pointed to by that step, by id, also when renamed */
static void
test_step_migration (void)
{
  g_autofree char *dir = g_dir_make_tmp ("kith-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "kith.db", NULL);
  KithTestStore t = { dir, path, NULL, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = new_template ("welcome", "Hi", "");
  guint before = 1;
  sqlite3 *db;
  gint64 id;

  /* The migration before the one that adds templates, wherever it lands */
  while (strstr (kith_schema_get_migration (before + 1), "CREATE TABLE templates") == NULL)
    before++;
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  for (guint v = 1; v <= before; v++)
    exec_sql (db, kith_schema_get_migration (v));
  {
    g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", before);

    exec_sql (db, bump);
  }
  exec_sql (db, "INSERT INTO segments (key, applies_to, category, name) VALUES ('customer', 'people', 'business', 'Customers');"
                "INSERT INTO stages (segment, key, name, position) VALUES ('customer', 'lead', 'Lead', 0);"
                "INSERT INTO steps (key, segment, stage, name, position, template) VALUES "
                "('s-1', 'customer', 'lead', 'Say hello', 0, 'Welcome'), "
                "('s-2', 'customer', 'lead', 'Send the brochure', 1, 'Brochure'), "
                "('s-3', 'customer', 'lead', 'Call', 2, NULL)");
  sqlite3_close (db);

  t.store = kith_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_store_get_schema_version (t.store), ==, kith_schema_get_n_migrations ());
  assert_step (&t, "Say hello", "Welcome", 0);
  assert_step (&t, "Send the brochure", "Brochure", 0);
  assert_step (&t, "Call", NULL, 0);

  id = kith_store_template_save (t.store, template, &error);
  g_assert_no_error (error);
  assert_step (&t, "Say hello", "welcome", id);
  assert_step (&t, "Send the brochure", "Brochure", 0);

  kith_template_set_name (template, "First contact");
  g_assert_cmpint (kith_store_template_save (t.store, template, &error), ==, id);
  assert_step (&t, "Say hello", "First contact", id);

  g_clear_object (&t.store);
  kith_test_rm_rf (dir);
}

/* The typed async calls, as the GUI makes them: save, list, get, delete and undo */
static void
test_async (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  g_autoptr(KithTemplate) template = new_template ("Quote", "Your quote, {{first_name|}}", "{{my.signature|}}");
  g_autoptr(KithTemplate) broken = new_template ("Broken", "{{", "");
  g_autoptr(KithTemplate) got = NULL;
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) refused = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) fetched = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;
  g_autoptr(GAsyncResult) undone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, undo_id;

  kith_store_template_save_async (t->store, template, kith_test_result_cb, &saved);
  id = kith_store_template_save_finish (t->store, kith_test_wait_result (&saved), &error);
  g_assert_no_error (error);
  g_assert_cmpint (kith_template_get_id (template), ==, id);
  g_assert_cmpint (kith_template_get_created (template), ==, t->now);

  kith_store_template_save_async (t->store, broken, kith_test_result_cb, &refused);
  g_assert_cmpint (kith_store_template_save_finish (t->store, kith_test_wait_result (&refused), &error), ==, 0);
  g_assert_error (error, KITH_TEMPLATE_ERROR, KITH_TEMPLATE_ERROR_UNCLOSED);
  g_assert_nonnull (strstr (error->message, "Subject: Line 1, column 1"));
  g_clear_error (&error);

  kith_store_templates_list_async (t->store, NULL, kith_test_result_cb, &listed);
  list = kith_store_templates_list_finish (t->store, kith_test_wait_result (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 1);
  g_assert_true (g_list_model_get_item_type (list) == KITH_TYPE_TEMPLATE);

  kith_store_template_delete_with_undo_async (t->store, id, kith_test_result_cb, &deleted);
  undo_id = kith_store_template_delete_with_undo_finish (t->store, kith_test_wait_result (&deleted), &error);
  g_assert_no_error (error);
  kith_store_undo_async (t->store, undo_id, TRUE, NULL, kith_test_result_cb, &undone);
  g_assert_true (kith_store_undo_finish (t->store, kith_test_wait_result (&undone), &error));
  g_assert_no_error (error);

  /* Rendered for a person on the worker, as the composer inserts it */
  {
    g_autoptr(GAsyncResult) rendered = NULL;
    g_autoptr(GAsyncResult) missing = NULL;
    g_autofree char *subject = NULL;
    g_autofree char *body = NULL;
    g_auto(GStrv) empty = NULL;
    gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada Lovelace\"}");

    kith_store_template_render_async (t->store, id, ada, "Grace Hopper", NULL, "-- \nGrace", NULL,
                                      kith_test_result_cb, &rendered);
    g_assert_true (kith_store_template_render_finish (t->store, kith_test_wait_result (&rendered),
                                                      &subject, &body, &empty, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (subject, ==, "Your quote, Ada");
    g_assert_cmpstr (body, ==, "-- \nGrace");
    g_assert_cmpuint (g_strv_length (empty), ==, 0);

    kith_store_template_render_async (t->store, id, ada + 100, NULL, NULL, NULL, NULL, kith_test_result_cb, &missing);
    g_assert_false (kith_store_template_render_finish (t->store, kith_test_wait_result (&missing),
                                                       &subject, &body, &empty, &error));
    g_assert_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  kith_store_template_get_async (t->store, id, NULL, kith_test_result_cb, &fetched);
  got = kith_store_template_get_finish (t->store, kith_test_wait_result (&fetched), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kith_template_get_name (got), ==, "Quote");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/template/builtin-fields", test_builtin_fields);
  g_test_add_func ("/template/fallbacks", test_fallbacks);
  g_test_add_func ("/template/empty-report", test_empty_report);
  g_test_add_func ("/template/html-escaping", test_html_escaping);
  g_test_add_func ("/template/error-positions", test_error_positions);
  g_test_add_func ("/template/person-and-custom-fields", test_person_and_custom_fields);
  g_test_add_func ("/template/store-crud", test_store_crud);
  g_test_add_func ("/template/delete-undo", test_delete_undo);
  g_test_add_func ("/template/step-set-template", test_step_set_template);
  g_test_add_func ("/template/step-migration", test_step_migration);
  g_test_add_func ("/template/agenda-reminder", test_agenda_reminder);
  g_test_add_func ("/template/async", test_async);

  return g_test_run ();
}
