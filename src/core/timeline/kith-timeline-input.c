/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithTimeline"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kith-synckey.h"
#include "kith-timeline-input.h"
#include "kith-todos.h"

/*
 * A timeline item or a to-do to write, and the checks it passes whether it came as JSON (the
 * cli, import), as a typed draft from the window, or from the mail index, so that a
 * refusal reads the same whichever way it came; and the people it names, resolved to records.
 */

#define TEXT(member, label, max_len, type, field) { member, label, max_len, G_STRUCT_OFFSET (type, field) }

const KithInputText kith_timeline_input_texts[] = {
  TEXT ("style", N_("style"), 16, KithTimelineInput, style),
  TEXT ("from", N_("sender"), 1024, KithTimelineInput, from),
  TEXT ("name", N_("sender name"), 1024, KithTimelineInput, from_name),
  TEXT ("subject", N_("subject"), KITH_MAX_TEXT, KithTimelineInput, subject),
  TEXT ("preview", N_("preview"), KITH_MAX_TEXT, KithTimelineInput, preview),
  TEXT ("body", N_("body"), 32 * KITH_MAX_LONG_TEXT, KithTimelineInput, body),
  TEXT ("bodytype", N_("body type"), 16, KithTimelineInput, body_type),
  TEXT ("threadid", N_("thread id"), 4096, KithTimelineInput, thread_id),
  TEXT ("messageid", N_("message id"), 4096, KithTimelineInput, message_id),
  TEXT ("location", N_("location"), KITH_MAX_TEXT, KithTimelineInput, location),
  TEXT ("outcome", N_("outcome"), 16, KithTimelineInput, outcome),
  TEXT ("direction", N_("direction"), 16, KithTimelineInput, direction),
  TEXT ("source", N_("source"), 1024, KithTimelineInput, source),
  TEXT ("uniqueid", N_("unique id"), 4096, KithTimelineInput, unique_id),
  TEXT ("account", N_("account"), 1024, KithTimelineInput, account),
};
const guint kith_timeline_input_n_texts = G_N_ELEMENTS (kith_timeline_input_texts);

const KithInputText kith_todo_input_texts[] = {
  TEXT ("subject", N_("subject"), KITH_MAX_TEXT, KithTodoInput, subject),
  TEXT ("preview", N_("preview"), KITH_MAX_TEXT, KithTodoInput, preview),
  TEXT ("assigner", N_("assigner"), 1024, KithTodoInput, assigner),
  TEXT ("assignee", N_("assignee"), 1024, KithTodoInput, assignee),
  TEXT ("source", N_("source"), 1024, KithTodoInput, source),
  TEXT ("uniqueid", N_("unique id"), 4096, KithTodoInput, unique_id),
};
const guint kith_todo_input_n_texts = G_N_ELEMENTS (kith_todo_input_texts);

static const char *item_kinds[] = { "email", "call", "text", "meeting", "direct", "postal",
                                    "note", "event", "todo", NULL };

KithPartyInput *
kith_party_input_new (const char *value,
                      const char *name,
                      const char *role)
{
  KithPartyInput *p = g_new0 (KithPartyInput, 1);

  p->value = g_strdup (value);
  p->name = g_strdup (name);
  p->role = g_strdup (role);
  return p;
}

void
kith_party_input_free (KithPartyInput *p)
{
  g_free (p->value);
  g_free (p->name);
  g_free (p->role);
  g_free (p);
}

GPtrArray *
kith_party_input_list_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) kith_party_input_free);
}

static void
clear_texts (gpointer             in,
             const KithInputText *texts,
             guint                n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer ((char **) G_STRUCT_MEMBER_P (in, texts[i].offset), g_free);
}

void
kith_timeline_input_clear (KithTimelineInput *in)
{
  clear_texts (in, kith_timeline_input_texts, kith_timeline_input_n_texts);
  g_clear_pointer (&in->links, g_free);
  g_clear_pointer (&in->reply_to, g_free);
  g_clear_pointer (&in->recipients, g_ptr_array_unref);
  g_clear_pointer (&in->participants, g_ptr_array_unref);
  g_clear_pointer (&in->references, g_ptr_array_unref);
}

void
kith_timeline_input_free (KithTimelineInput *in)
{
  kith_timeline_input_clear (in);
  g_free (in);
}

void
kith_todo_input_clear (KithTodoInput *in)
{
  clear_texts (in, kith_todo_input_texts, kith_todo_input_n_texts);
  g_clear_pointer (&in->due, g_free);
  g_clear_pointer (&in->participants, g_ptr_array_unref);
}

void
kith_todo_input_free (KithTodoInput *in)
{
  kith_todo_input_clear (in);
  g_free (in);
}

/* Each text of @in within its length; an empty one is none */
static gboolean
check_texts (gpointer              in,
             const KithInputText  *texts,
             guint                 n,
             GError              **error)
{
  for (guint i = 0; i < n; i++)
    {
      char **text = G_STRUCT_MEMBER_P (in, texts[i].offset);

      if (*text == NULL)
        continue;
      if (!kith_validate_text_untranslated (texts[i].label, *text, texts[i].max_len, error))
        return FALSE;
      if (**text == '\0')
        g_clear_pointer (text, g_free);
    }

  return TRUE;
}

/* Takes the control characters out of *@text; none when nothing is left of it */
static void
strip_controls (char     **text,
                gboolean   multi_line)
{
  char *stripped;

  if (*text == NULL)
    return;

  stripped = kith_text_strip_controls (*text, multi_line);
  g_free (*text);
  *text = *stripped != '\0' ? stripped : (g_free (stripped), NULL);
}

/* @label: as marked with N_(), translated only to refuse */
static gboolean
check_choice (const char  *value,
              const char  *label,
              const char **choices,
              GError     **error)
{
  g_autofree char *list = NULL;

  if (value == NULL || g_strv_contains (choices, value))
    return TRUE;

  list = g_strjoinv (", ", (char **) choices);
  return kith_invalid (error, _("The %s “%s” is not one of %s"), _(label), value, list);
}

/* One entry of a list of people; an empty name or role is none */
static gboolean
check_party (KithPartyInput  *p,
             const char      *member,
             GError         **error)
{
  if ((p->value != NULL && !kith_validate_text (member, p->value, 1024, error)) ||
      (p->name != NULL && !kith_validate_text_untranslated (N_("name"), p->name, 1024, error)) ||
      (p->role != NULL && !kith_validate_text_untranslated (N_("role"), p->role, 16, error)))
    return FALSE;
  if (p->name != NULL && *p->name == '\0')
    g_clear_pointer (&p->name, g_free);
  if (p->role != NULL && *p->role == '\0')
    g_clear_pointer (&p->role, g_free);

  if (p->role != NULL && g_strcmp0 (p->role, "to") != 0 && g_strcmp0 (p->role, "cc") != 0 &&
      g_strcmp0 (p->role, "bcc") != 0)
    return kith_invalid (error, _("A recipient’s role is to, cc or bcc, not “%s”"), p->role);
  if (p->value == NULL)
    return kith_invalid (error, _("Each entry of %s needs a value"), member);

  return TRUE;
}

/* The list of people @member (recipients, participants, references), when given */
static gboolean
check_parties (GPtrArray   *parties,
               const char  *member,
               GError     **error)
{
  if (parties == NULL)
    return TRUE;
  if (parties->len > 1000)
    return kith_invalid (error, _("The %s list is too long (at most 1000 entries)"), member);

  for (guint i = 0; i < parties->len; i++)
    if (!check_party (g_ptr_array_index (parties, i), member, error))
      return FALSE;

  return TRUE;
}

static gboolean
check_style (KithTimelineInput  *in,
             GError            **error)
{
  if (in->style == NULL)
    in->style = g_strdup ("note");
  if (!g_strv_contains (item_kinds, in->style))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) item_kinds);

      return kith_invalid (error, _("The style “%s” is not one of %s"), in->style, list);
    }
  if ((in->unique_id != NULL) != (in->source != NULL) &&
      (strcmp (in->style, "note") == 0 || strcmp (in->style, "todo") == 0))
    return kith_invalid (error, _("A note or to-do from another app needs both source and uniqueid"));

  return TRUE;
}

/* The texts that are one of a few words */
static gboolean
check_choices (KithTimelineInput  *in,
               GError            **error)
{
  static const char *body_types[] = { "text", "html", NULL };
  static const char *outcomes[] = { "connected", "leftvm", "noanswer", NULL };
  static const char *directions[] = { "inbound", "outbound", NULL };

  return check_choice (in->body_type, N_("body type"), body_types, error) &&
         check_choice (in->outcome, N_("outcome"), outcomes, error) &&
         check_choice (in->direction, N_("direction"), directions, error);
}

static gboolean
check_date_and_duration (KithTimelineInput  *in,
                         gint64              now,
                         GError            **error)
{
  if (!in->has_date)
    in->date = now;
  else if (in->date < 0)
    return kith_invalid (error, _("The date %" G_GINT64_FORMAT " is before 1970"), in->date);
  else if (in->date > KITH_MAX_TIME)
    return kith_invalid (error, _("The date %" G_GINT64_FORMAT " is after the year 9999"), in->date);

  if (in->has_duration && (in->duration < 0 || in->duration > 7 * 24 * 3600))
    return kith_invalid (error, _("The duration must be a number of seconds up to a week"));

  return TRUE;
}

/* A preview from the body when there is none, and one that is not too long */
static void
make_preview (KithTimelineInput *in)
{
  char *made;

  if (in->preview == NULL && in->body != NULL)
    made = kith_make_preview (in->body, g_strcmp0 (in->body_type, "html") == 0);
  else if (in->preview != NULL && strlen (in->preview) > KITH_MAX_PREVIEW)
    made = kith_make_preview (in->preview, FALSE);
  else
    return;

  g_free (in->preview);
  in->preview = made;
}

/**
 * kith_timeline_input_check:
 * @now: the date of an item that gives none
 *
 * Everything that can be refused about @in before the store is looked at; cleans its texts.
 */
gboolean
kith_timeline_input_check (KithTimelineInput  *in,
                           gint64              now,
                           GError            **error)
{
  if (!check_texts (in, kith_timeline_input_texts, kith_timeline_input_n_texts, error) ||
      !check_choices (in, error))
    return FALSE;

  strip_controls (&in->from_name, FALSE);
  strip_controls (&in->subject, FALSE);
  strip_controls (&in->preview, FALSE);
  strip_controls (&in->body, TRUE);
  strip_controls (&in->location, FALSE);

  if (!check_style (in, error) ||
      !check_date_and_duration (in, now, error) ||
      !check_parties (in->recipients, "recipients", error) ||
      !check_parties (in->participants, "participants", error) ||
      !check_parties (in->references, "references", error))
    return FALSE;

  make_preview (in);
  return TRUE;
}

gboolean
kith_todo_invalid_date (const char  *text,
                        GError     **error)
{
  return kith_invalid (error, _("The to-do date “%s” is not a date (YYYY-MM-DD), a date and time (YYYY-MM-DDTHH:MM) or “someday”"),
                       g_utf8_validate (text, -1, NULL) ? text : "?");
}

/**
 * kith_todo_input_check:
 *
 * Everything that can be refused about @in before the store is looked at; cleans its texts.
 */
gboolean
kith_todo_input_check (KithTodoInput  *in,
                       GError        **error)
{
  GDate date;

  if (!check_texts (in, kith_todo_input_texts, kith_todo_input_n_texts, error))
    return FALSE;

  strip_controls (&in->subject, FALSE);
  strip_controls (&in->preview, FALSE);
  if (in->subject == NULL)
    return kith_invalid (error, _("A to-do needs a subject"));
  if ((in->source == NULL) != (in->unique_id == NULL))
    return kith_invalid (error, _("A to-do from another app needs both source and uniqueid"));
  if (in->due != NULL && !kith_todo_parse_due (in->due, &date, NULL))
    return kith_todo_invalid_date (in->due, error);

  return check_parties (in->participants, "participants", error);
}

void
kith_party_free (KithParty *p)
{
  g_free (p->value);
  g_free (p->key);
  g_free (p->name);
  g_free (p);
}

/* Resolves an address (email, phone, handle) to a sync key and the record that owns it; an
 * address in @unlinked is named only, never linked to a record, now or later. */
KithParty *
kith_party_new (KithStore   *self,
                const char  *role,
                const char  *value,
                const char  *name,
                GHashTable  *unlinked,
                GError     **error)
{
  KithParty *p = g_new0 (KithParty, 1);
  const char *type = NULL;

  p->role = role;
  p->value = g_strdup (value);
  p->name = name != NULL ? kith_text_strip_controls (name, FALSE) : NULL;

  if (unlinked != NULL && g_hash_table_contains (unlinked, value))
    return p;

  if (value[0] == '#')
    {
      p->record_id = kith_store_lookup (self, value, NULL);
      if (p->record_id == 0)
        {
          kith_invalid (error, _("No record matches “%s”"), value);
          kith_party_free (p);
          return NULL;
        }
      return p;
    }

  p->key = kith_records_key_for_identifier (self, value, &type);
  if (p->key != NULL && type != NULL)
    {
      p->record_id = kith_records_find_by_key_and_name (self, type, p->key, name);
      if (p->record_id == 0 && strcmp (type, "synckey") != 0)
        p->record_id = kith_records_find_by_key (self, "synckey", value);
    }

  /* Only addresses that can identify someone later are kept as keys */
  if (type != NULL && (strcmp (type, "synckey") == 0 || strcmp (type, "domain") == 0))
    g_clear_pointer (&p->key, g_free);

  return p;
}

/* The people of @given (checked KithPartyInput), resolved into @parties as @default_role
 * unless an entry names to, cc or bcc */
gboolean
kith_timeline_add_parties (KithStore   *self,
                           GPtrArray   *given,
                           const char  *default_role,
                           GHashTable  *unlinked,
                           GPtrArray   *parties,
                           GError     **error)
{
  for (guint i = 0; given != NULL && i < given->len; i++)
    {
      KithPartyInput *in = g_ptr_array_index (given, i);
      const char *role = in->role != NULL ? g_intern_string (in->role) : default_role;
      KithParty *p;

      if ((p = kith_party_new (self, role, in->value, in->name, unlinked, error)) == NULL)
        return FALSE;
      g_ptr_array_add (parties, p);
    }

  return TRUE;
}

/* Each party (of @role, or any with %NULL) must name a record: the message says which does not */
gboolean
kith_timeline_check_known (KithStore   *self,
                           GPtrArray   *parties,
                           const char  *role,
                           GError     **error)
{
  for (guint i = 0; i < parties->len; i++)
    {
      KithParty *p = g_ptr_array_index (parties, i);

      if (p->record_id == 0 && (role == NULL || strcmp (p->role, role) == 0))
        {
          g_autofree char *message = kith_records_no_match_message (self, p->value);

          return kith_invalid (error, "%s", message);
        }
    }

  return TRUE;
}
