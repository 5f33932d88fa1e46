/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * `kith-cli mail-merge`: a template sent to many people from scripts (docs/merge.md). A dry
 * run prints who is left out and why, and the schedule; otherwise the merge is made, its
 * recipients queued in the Outbox at their times, what is due now sent (as `send` does), and
 * the report printed. `--status ID` reports on a merge, `--resume ID` goes on with a paused
 * one (or, after a crash, sends what is due).
 */

#define G_LOG_DOMAIN "KithCli"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-cli.h"
#include "kith-cli-merge.h"
#include "kith-cli-send.h"
#include "kith-enums.h"
#include "kith-object-util.h"

typedef struct {
  char      *template;
  char      *query;
  char     **ids;
  char      *account;
  char      *from;
  gboolean   dry_run;
  int        cap;
  int        rate;
  char      *start;
  gint64     status;
  gint64     resume;
  char      *csv;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->template);
  g_free (o->query);
  g_strfreev (o->ids);
  g_free (o->account);
  g_free (o->from);
  g_free (o->start);
  g_free (o->csv);
}

static char *
format_time (gint64 ms)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (ms / 1000);

  return g_date_time_format (when, "%Y-%m-%d %H:%M");
}

static const char *
describe_exclusion (KithMergeExclusion exclusion)
{
  switch (exclusion)
    {
    case KITH_MERGE_EXCLUSION_NO_EMAIL: return _("no email address");
    case KITH_MERGE_EXCLUSION_EMPTY_FIELD: return _("a field without fallback is empty");
    case KITH_MERGE_EXCLUSION_DO_NOT_EMAIL: return _("do not email");
    case KITH_MERGE_EXCLUSION_DUPLICATE: return _("a duplicate address");
    case KITH_MERGE_EXCLUSION_BY_HAND: return _("left out by hand");
    case KITH_MERGE_EXCLUSION_NONE:
    default: return "";
    }
}

/* The recipients in @state, one a line, with the reason or the server's text */
static gboolean
print_recipients (KithStore                *store,
                  gint64                    merge_id,
                  KithMergeRecipientState   state,
                  gboolean                  with_time,
                  GError                  **error)
{
  g_autoptr(GPtrArray) all = kith_store_mail_merge_recipients (store, merge_id, 0, G_MAXUINT, FALSE, error);

  if (all == NULL)
    return FALSE;
  for (guint i = 0; i < all->len; i++)
    {
      KithMergeRecipient *r = all->pdata[i];
      const char *detail = kith_merge_recipient_get_detail (r);
      g_autofree char *when = with_time ? format_time (kith_merge_recipient_get_send_at (r)) : NULL;

      if (kith_merge_recipient_get_state (r) != state)
        continue;
      g_print ("  %s <%s>", kith_merge_recipient_get_name (r),
               kith_merge_recipient_get_address (r) != NULL ? kith_merge_recipient_get_address (r) : "");
      if (state == KITH_MERGE_RECIPIENT_EXCLUDED)
        g_print (": %s", describe_exclusion (kith_merge_recipient_get_exclusion (r)));
      if (detail != NULL)
        g_print (" (%s)", detail);
      if (when != NULL)
        g_print (" %s", when);
      g_print ("\n");
    }
  return TRUE;
}

static void
print_summary (gint64                  merge_id,
               const KithMergeSummary *s)
{
  g_autofree char *finish = s->finish > 0 ? format_time (s->finish) : NULL;

  g_print (_("Mail merge #%" G_GINT64_FORMAT " (%s): %u recipients — %u sent, %u failed, %u excluded, "
             "%u waiting\n"),
           merge_id, kith_enum_to_nick (KITH_TYPE_MERGE_STATE, s->state), s->total,
           s->by_state[KITH_MERGE_RECIPIENT_SENT], s->by_state[KITH_MERGE_RECIPIENT_FAILED],
           s->by_state[KITH_MERGE_RECIPIENT_EXCLUDED],
           s->by_state[KITH_MERGE_RECIPIENT_PENDING] + s->by_state[KITH_MERGE_RECIPIENT_QUEUED]);
  for (guint e = KITH_MERGE_EXCLUSION_NO_EMAIL; e < KITH_MERGE_N_EXCLUSIONS; e++)
    if (s->by_exclusion[e] > 0)
      g_print (_("  excluded, %s: %u\n"), describe_exclusion (e), s->by_exclusion[e]);
  if (finish != NULL)
    g_print (_("Limits: %u a day, %u a minute; the last one leaves %s\n"),
             s->limits.daily_cap, s->limits.per_minute, finish);
}

/* The summary, the failures with the server's text and the exclusions; the CSV report to
 * @csv when asked */
static int
report (KithStore  *store,
        gint64      merge_id,
        const char *csv)
{
  g_autoptr(GError) error = NULL;
  KithMergeSummary summary;

  if (!kith_store_mail_merge_follow (store, merge_id, &error) ||
      !kith_store_mail_merge_get_summary (store, merge_id, &summary, &error))
    return kith_cli_fail (error->message);

  print_summary (merge_id, &summary);
  if (summary.by_state[KITH_MERGE_RECIPIENT_FAILED] > 0)
    {
      g_print (_("Failed:\n"));
      if (!print_recipients (store, merge_id, KITH_MERGE_RECIPIENT_FAILED, FALSE, &error))
        return kith_cli_fail (error->message);
    }
  if (csv != NULL)
    {
      g_autofree char *text = kith_store_mail_merge_report_csv (store, merge_id, &error);

      if (text == NULL || !g_file_set_contents (csv, text, -1, &error))
        return kith_cli_fail (error->message);
    }
  return 0;
}

static char *
mail_dir_of (KithStore *store)
{
  g_autofree char *data_dir = g_path_get_dirname (kith_store_get_path (store));

  return g_build_filename (data_dir, "mail", NULL);
}

/* Sends what is due now with the merge's account, then reports */
static int
flush_and_report (KithStore   *store,
                  gint64       merge_id,
                  const char  *account,
                  const char  *csv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *mail_dir = mail_dir_of (store);

  if (!kith_cli_send_flush (store, mail_dir, account, &error))
    return kith_cli_fail (error->message);
  return report (store, merge_id, csv);
}

static GArray *
resolve_people (KithStore  *store,
                Options    *o,
                GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; o->ids != NULL && o->ids[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (o->ids[i], ", ", -1);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          guint64 id;

          if (parts[j][0] == '\0')
            continue;
          if (!g_ascii_string_to_unsigned (parts[j], 10, 1, G_MAXINT64, &id, error))
            return NULL;
          g_array_append_val (ids, id);
        }
    }

  return kith_store_mail_merge_resolve (store, (const gint64 *) ids->data, ids->len, o->query, error);
}

/* The limits: the provider's, then what the options say */
static gboolean
read_limits (Options         *o,
             const char      *smtp_host,
             const char      *from_address,
             KithMergeLimits *limits,
             GError         **error)
{
  kith_mail_merge_default_limits (smtp_host, from_address, limits);
  if (o->cap >= 0)
    limits->daily_cap = o->cap;
  if (o->rate >= 0)
    limits->per_minute = o->rate;
  if (o->start != NULL)
    {
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (o->start, local);

      /* 2026-12-24T09:00 too: GLib wants the seconds */
      if (start == NULL)
        {
          g_autofree char *with_seconds = g_strconcat (o->start, ":00", NULL);

          start = g_date_time_new_from_iso8601 (with_seconds, local);
        }

      if (start == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--start: “%s” is not a date and time (2026-12-24T09:00)"), o->start);
          return FALSE;
        }
      limits->start = g_date_time_to_unix (start) * 1000;
    }
  return TRUE;
}

typedef struct {
  char *uid;
  char *address;
  char *name;
  char *smtp_host;
} Sender;

static void
sender_clear (Sender *s)
{
  g_free (s->uid);
  g_free (s->address);
  g_free (s->name);
  g_free (s->smtp_host);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sender, sender_clear)

/* The account: the one named, else the template's; a dry run needs none */
static gboolean
find_sender (Options       *o,
             KithTemplate  *template,
             Sender        *sender,
             GError       **error)
{
  const char *account = o->account != NULL ? o->account : kith_template_get_account (template);

  if (account == NULL && o->dry_run)
    return TRUE;
  if (account == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           _("mail-merge: say which account with --account"));
      return FALSE;
    }

  sender->uid = kith_cli_send_find_identity (account, o->from, &sender->address, &sender->name,
                                             &sender->smtp_host, error);
  return sender->uid != NULL;
}

static int
dry_run (KithStore  *store,
         gint64      merge_id)
{
  g_autoptr(GError) error = NULL;
  KithMergeSummary summary;

  if (!kith_store_mail_merge_get_summary (store, merge_id, &summary, &error))
    return kith_cli_fail (error->message);
  print_summary (merge_id, &summary);
  g_print (_("Excluded:\n"));
  if (!print_recipients (store, merge_id, KITH_MERGE_RECIPIENT_EXCLUDED, FALSE, &error))
    return kith_cli_fail (error->message);
  g_print (_("Schedule:\n"));
  if (!print_recipients (store, merge_id, KITH_MERGE_RECIPIENT_PENDING, TRUE, &error) ||
      !kith_store_mail_merge_delete (store, merge_id, &error))
    return kith_cli_fail (error->message);
  return 0;
}

static int
create_and_run (KithStore  *store,
                Options    *o)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithTemplate) template = kith_store_template_find (store, o->template, &error);
  g_autoptr(GArray) people = NULL;
  g_auto(Sender) sender = { 0 };
  KithMergeLimits limits = { 0 };
  gint64 merge_id;

  if (template == NULL ||
      !find_sender (o, template, &sender, &error) ||
      !read_limits (o, sender.smtp_host, sender.address, &limits, &error) ||
      (people = resolve_people (store, o, &error)) == NULL)
    return kith_cli_fail (error->message);

  merge_id = kith_store_mail_merge_create (store, kith_template_get_id (template), sender.uid, sender.address,
                                           sender.name, people, &limits, &error);
  if (merge_id == 0)
    return kith_cli_fail (error->message);
  if (o->dry_run)
    return dry_run (store, merge_id);

  if (kith_store_mail_merge_start (store, merge_id, &error) < 0)
    return kith_cli_fail (error->message);
  return flush_and_report (store, merge_id, sender.uid, o->csv);
}

static char *
account_of (KithStore  *store,
            gint64      merge_id,
            GError    **error)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(KithOutgoing) msg = NULL;
  KithMergeSummary summary;

  /* The merge's account is that of its messages */
  if (!kith_store_mail_merge_get_summary (store, merge_id, &summary, error))
    return NULL;
  first = kith_store_mail_merge_recipients (store, merge_id, 0, G_MAXUINT, FALSE, error);
  for (guint i = 0; first != NULL && i < first->len; i++)
    {
      gint64 id = kith_merge_recipient_get_outgoing_id (first->pdata[i]);

      if (id != 0 && (msg = kith_store_outgoing_get (store, id, NULL)) != NULL)
        return g_strdup (kith_outgoing_get_account (msg));
    }
  return NULL;
}

/* A paused merge goes on; a running one (the process that ran it was stopped) sends what is
 * due */
static int
resume (KithStore  *store,
        Options    *o)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *account = NULL;
  KithMergeSummary summary;

  if (!kith_store_mail_merge_get_summary (store, o->resume, &summary, &error))
    return kith_cli_fail (error->message);
  if (summary.state == KITH_MERGE_PAUSED && kith_store_mail_merge_resume (store, o->resume, &error) < 0)
    return kith_cli_fail (error->message);
  /* Stopped between two batches, a running merge still has recipients to queue */
  if (summary.state == KITH_MERGE_RUNNING && kith_store_mail_merge_go_on (store, o->resume, &error) < 0)
    return kith_cli_fail (error->message);

  account = o->account != NULL ? g_strdup (o->account) : account_of (store, o->resume, &error);
  if (account == NULL)
    return error != NULL ? kith_cli_fail (error->message) : report (store, o->resume, o->csv);
  return flush_and_report (store, o->resume, account, o->csv);
}

/**
 * kith_cli_mail_merge:
 *
 * `kith-cli mail-merge`: see the file's comment.
 */
int
kith_cli_mail_merge (KithStore  *store,
                     int         argc,
                     char      **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("— send a template to many people"));
  g_autoptr(GError) error = NULL;
  Options o = { .cap = -1, .rate = -1 };
  GOptionEntry entries[] = {
    { "template", 0, 0, G_OPTION_ARG_STRING, &o.template, N_("The template, by name"), N_("NAME") },
    { "query", 0, 0, G_OPTION_ARG_STRING, &o.query, N_("The people a query finds"), N_("QUERY") },
    { "ids", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o.ids, N_("People, companies (their people) and deals (their people)"), N_("ID,…") },
    { "account", 0, 0, G_OPTION_ARG_STRING, &o.account, N_("The account to send from (else the template’s)"), N_("ACCOUNT") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &o.from, N_("One of the account’s aliases"), N_("ADDRESS") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &o.dry_run, N_("Print the exclusions and the schedule; send nothing"), NULL },
    { "cap", 0, 0, G_OPTION_ARG_INT, &o.cap, N_("At most N messages a day (0: no cap)"), N_("N") },
    { "rate", 0, 0, G_OPTION_ARG_INT, &o.rate, N_("At most N messages a minute (0: no limit)"), N_("N") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &o.start, N_("None before this time (ISO 8601)"), N_("TIME") },
    { "status", 0, 0, G_OPTION_ARG_INT64, &o.status, N_("Report on merge ID"), N_("ID") },
    { "resume", 0, 0, G_OPTION_ARG_INT64, &o.resume, N_("Go on with merge ID"), N_("ID") },
    { "report-csv", 0, 0, G_OPTION_ARG_FILENAME, &o.csv, N_("Write the report to FILE as CSV"), N_("FILE") },
    { NULL }
  };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = kith_cli_usage (context, error->message);
  else if (argc > 1)
    status = kith_cli_usage (context, _("mail-merge: unexpected argument"));
  else if (o.status > 0)
    status = report (store, o.status, o.csv);
  else if (o.resume > 0)
    status = resume (store, &o);
  else if (o.template == NULL || (o.query == NULL) == (o.ids == NULL))
    status = kith_cli_usage (context, _("mail-merge: give --template, and either --query or --ids"));
  else
    status = create_and_run (store, &o);

  options_clear (&o);
  return status;
}
