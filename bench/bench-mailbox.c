/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The mailbox the mail benchmarks read (bench/mail, bench/stall): generated with splitmix64, so
 * that every run writes the same one, and written straight into the private Dovecot's maildir.
 */

#include "config.h"

#include <string.h>

#include "kith-mail-accounts.h"
#include "bench-mailbox.h"

static const char *firsts[] = {
  "Ada", "Alan", "Grace", "Charles", "Hedy", "Linus", "Margaret", "Tim", "Barbara", "Dennis",
  "José", "Zoë", "Søren", "Priya", "Wei", "Fatima", "Ingrid", "Mateo", "Aiko", "Olusegun",
  "Emma", "Liam", "Olivia", "Noah", "Sophia", "Lucas", "Mia", "Ethan", "Amelia", "James",
  "Chloé", "Hugo", "Léa", "Jürgen", "Anneke", "Björn", "Siobhán", "Rafael", "Lucía", "Giulia",
};
static const char *lasts[] = {
  "Lovelace", "Turing", "Hopper", "Babbage", "Lamarr", "Torvalds", "Hamilton", "Liskov",
  "Ritchie", "Müller", "Nørgaard", "Kowalski", "Dubois", "Tanaka", "Patel", "Chen", "Okafor",
  "Ivanova", "Núñez", "Smith", "Johnson", "Williams", "Brown", "Garcia", "Miller", "Davis",
  "Wilson", "Anderson", "Taylor", "Moore", "Martin", "Lee", "Walker", "Young", "King", "Wright",
};
static const char *companies[] = {
  "northworks", "bluelabs", "brightsystems", "silvermedia", "greenlogistics", "stonepartners",
  "ironrealty", "cedarcapital", "oakstudio", "pinefoods", "riverhealth", "lakeenergy",
  "sundesign", "moonsoftware", "starconsulting", "cloudgroup", "rainholdings", "snowventures",
  "goldanalytics", "swiftnetworks", "clearrobotics", "truemotors", "primebuilders", "novahomes",
  "apexlegal", "summitfinance", "harborinsurance", "baytravel", "deltagoods", "alphasupply",
};
static const char *personal_domains[] = { "gmail.example", "posteo.example", "fastmail.example" };
static const char *topics[] = {
  "the house on Elm Street", "the offer", "the lease renewal", "the kitchen remodel",
  "the contract", "next week's viewing", "the inspection report", "the mortgage pre-approval",
  "the listing photos", "the open house", "the closing date", "the appraisal",
  "the survey", "the tenant references", "the service charge", "the garden flat",
};
static const char *subjects[] = {
  "Question about %s", "Update on %s", "Documents for %s", "About %s", "Following up on %s",
  "Thoughts on %s", "%s: next steps", "Quick note on %s",
};
static const char *sentences[] = {
  "Thanks for getting back to me so quickly.",
  "Please find the updated figures below.",
  "Could we move our meeting to Thursday afternoon?",
  "I spoke with the owners and they are happy with the terms.",
  "Let me know if you have any questions about the contract.",
  "We would like to make an offer on the house.",
  "The surveyor can come on Monday morning.",
  "Our budget is not final yet, but it should be by Friday.",
  "I am out of the office until Monday with limited access to email.",
  "Can you send me the latest figures before the meeting?",
  "It was great to see you at the viewing last week.",
  "We are reviewing the renewal and will decide by the end of the month.",
  "The bank asked for two more payslips.",
  "I have copied my colleague who handles the paperwork.",
  "Please sign the documents and send them back when you can.",
  "The schedule slipped by two weeks because of the builder.",
  "Here are the notes from our call this morning.",
  "Looking forward to working together on this.",
  "The neighbours mentioned that the roof was redone in 2019.",
  "Parking is on the street, with a permit from the council.",
};
static const char *search_sentence = "The " SEARCH_WORD " deposit is due by the end of the week.";

static void
message_free (Message *m)
{
  g_free (m->message_id);
  g_free (m->in_reply_to);
  g_free (m->references);
  g_free (m->subject);
  g_free (m->body);
  g_free (m);
}

static void
thread_free (Thread *t)
{
  g_free (t->root);
  g_free (t->last_id);
  g_free (t->refs);
  g_free (t->last_text);
  g_free (t);
}

static void
person_clear (Person *p)
{
  g_free (p->name);
  g_free (p->first);
  g_free (p->email);
}

void
mailbox_free (Mailbox *mb)
{
  g_array_unref (mb->people);
  g_ptr_array_unref (mb->threads);
  g_ptr_array_unref (mb->messages);
  g_free (mb);
}



Mailbox *
mailbox_new (int n_people,
             int seed)
{
  Mailbox *mb = g_new0 (Mailbox, 1);
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  mb->rng.s = (guint64) seed * 7919;
  mb->people = g_array_new (FALSE, TRUE, sizeof (Person));
  g_array_set_clear_func (mb->people, (GDestroyNotify) person_clear);
  mb->threads = g_ptr_array_new_with_free_func ((GDestroyNotify) thread_free);
  mb->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);

  for (int i = 0; i < n_people; i++)
    {
      Person p = { 0 };
      const char *first = firsts[rnd (&mb->rng, G_N_ELEMENTS (firsts))];
      const char *last = lasts[rnd (&mb->rng, G_N_ELEMENTS (lasts))];
      g_autofree char *f = email_part (first);
      g_autofree char *l = email_part (last);
      const char *domain = rnd (&mb->rng, 4) == 0 ? personal_domains[rnd (&mb->rng, G_N_ELEMENTS (personal_domains))]
                                                  : companies[rnd (&mb->rng, G_N_ELEMENTS (companies))];
      g_autofree char *base = g_strdup_printf ("%s.%s", f, l);
      char *email = g_strdup_printf ("%s@%s%s", base, domain, g_str_has_suffix (domain, ".example") ? "" : ".example");

      for (guint n = 2; g_hash_table_contains (taken, email); n++)
        {
          g_free (email);
          email = g_strdup_printf ("%s%u@%s%s", base, n, domain, g_str_has_suffix (domain, ".example") ? "" : ".example");
        }
      g_hash_table_add (taken, g_strdup (email));
      p.first = g_strdup (first);
      p.name = g_strdup_printf ("%s %s", first, last);
      p.email = email;
      g_array_append_val (mb->people, p);
    }

  return mb;
}

/* A display name as a header wants it: RFC 2047 when it is not ASCII */
static char *
address_header (const char *name,
                const char *email)
{
  if (g_str_is_ascii (name))
    return g_strdup_printf ("%s <%s>", name, email);
  else
    {
      g_autofree char *b64 = g_base64_encode ((const guchar *) name, strlen (name));

      return g_strdup_printf ("=?UTF-8?B?%s?= <%s>", b64, email);
    }
}

static char *
make_text (Rng        *r,
           const char *greeting_name,
           const char *signature)
{
  GString *s = g_string_new (NULL);
  guint n = 1 + rnd (r, 6);

  g_string_append_printf (s, "Hi %s,\n\n", greeting_name);
  for (guint k = 0; k < n; k++)
    {
      const char *sentence = rnd (r, 12) == 0 ? search_sentence : sentences[rnd (r, G_N_ELEMENTS (sentences))];

      g_string_append (s, sentence);
      g_string_append (s, k % 3 == 2 ? "\n\n" : " ");
    }
  g_string_append_printf (s, "\n\nBest,\n%s\n", signature);

  return g_string_free (s, FALSE);
}

/* One more message in a thread (a new thread when thread is NULL), dated date */
static Message *
add_message (Mailbox *mb,
             Thread  *thread,
             gint64   date)
{
  Rng *r = &mb->rng;
  Message *m = g_new0 (Message, 1);
  Person *p;
  g_autofree char *text = NULL;
  g_autofree char *topic = NULL;

  if (thread == NULL)
    {
      thread = g_new0 (Thread, 1);
      /* Some people write a lot, most a little */
      thread->person = (rnd_skewed (r, mb->people->len) * 2654435761u) % mb->people->len;
      thread->topic = rnd (r, G_N_ELEMENTS (topics));
      thread->subject = rnd (r, G_N_ELEMENTS (subjects));
      thread->index = mb->threads->len;
      g_ptr_array_add (mb->threads, thread);
    }
  p = &g_array_index (mb->people, Person, thread->person);

  m->thread = thread->index;
  m->person = thread->person;
  m->inbound = rnd (r, 10) < 7;
  m->date = date;
  m->cc = rnd (r, 10) == 0 ? -2 : rnd (r, 20) == 0 ? (int) rnd (r, mb->people->len) : -1;
  if (m->cc == (int) m->person)
    m->cc = -1;
  m->message_id = g_strdup_printf ("<%u.%08x@%s>", mb->next_id++, rnd (r, G_MAXINT),
                                   m->inbound ? strchr (p->email, '@') + 1 : "agency.example");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  topic = g_strdup_printf (subjects[thread->subject], topics[thread->topic]);
#pragma GCC diagnostic pop
  topic[0] = g_ascii_toupper (topic[0]);
  m->subject = thread->count == 0 ? g_strdup (topic) : g_strdup_printf ("Re: %s", topic);
  if (thread->count > 0)
    {
      m->in_reply_to = g_strdup (thread->last_id);
      m->references = g_strdup (thread->refs);
    }

  text = m->inbound ? make_text (r, "Alice", p->first) : make_text (r, p->first, "Alice");
  /* Most replies quote the message they answer */
  if (thread->last_text != NULL && rnd (r, 10) < 6)
    {
      g_auto(GStrv) lines = g_strsplit (thread->last_text, "\n", -1);
      GString *body = g_string_new (text);

      g_string_append (body, "\nOn an earlier day, someone wrote:\n");
      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (body, ">%s%s\n", *lines[i] != '\0' ? " " : "", lines[i]);
      m->body = g_string_free (body, FALSE);
    }
  else
    m->body = g_strdup (text);
  m->html = m->inbound && rnd (r, 4) == 0;
  m->attachment = rnd (r, 50) == 0 ? 20000 + rnd (r, 180000) : 0;
  m->seen = TRUE;

  /* The thread moves on */
  thread->count++;
  if (thread->root == NULL)
    thread->root = g_strdup (m->message_id);
  g_free (thread->last_id);
  thread->last_id = g_strdup (m->message_id);
  {
    /* The root, then the last few, as mail clients write it */
    g_autofree char *old = thread->refs;
    g_auto(GStrv) ids = old != NULL ? g_strsplit (old, " ", -1) : g_new0 (char *, 1);
    guint n = g_strv_length (ids);
    GString *refs = g_string_new (thread->root);

    for (guint i = n > 8 ? n - 8 : 1; i < n; i++)
      g_string_append_printf (refs, " %s", ids[i]);
    if (thread->count > 1)
      g_string_append_printf (refs, " %s", m->message_id);
    thread->refs = g_string_free (refs, FALSE);
  }
  g_free (thread->last_text);
  thread->last_text = g_steal_pointer (&text);

  g_ptr_array_add (mb->messages, m);
  return m;
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  const Message *x = *(Message **) a, *y = *(Message **) b;

  return x->date < y->date ? -1 : x->date > y->date;
}

/* n messages in threads, over the two years before yesterday, in date order */
void
generate_history (Mailbox *mb,
                  int      n,
                  gint64   now)
{
  Rng *r = &mb->rng;

  while ((int) mb->messages->len < n)
    {
      guint length = 1 + rnd_skewed (r, 9);
      gint64 date = now - 730 * DAY + rnd (r, 729 * DAY);
      Thread *thread = NULL;

      for (guint k = 0; k < length && (int) mb->messages->len < n && date < now - DAY; k++)
        {
          add_message (mb, thread, date);
          thread = g_ptr_array_index (mb->threads, mb->threads->len - 1);
          date += 600 + rnd (r, 3 * DAY);
        }
    }
  g_ptr_array_sort (mb->messages, compare_dates);
}

/* n new messages, from the last minutes: half of them replies in recent threads */
guint
generate_new (Mailbox *mb,
              int      n,
              gint64   now)
{
  Rng *r = &mb->rng;
  guint first = mb->messages->len;

  for (int i = 0; i < n; i++)
    {
      Thread *thread = NULL;

      if (rnd (r, 2) == 0 && mb->threads->len > 0)
        thread = g_ptr_array_index (mb->threads, mb->threads->len - 1 - rnd (r, MIN (mb->threads->len, 200)));
      Message *m = add_message (mb, thread, now - 3600 + i * 30);

      /* Just arrived: not read yet */
      m->seen = !m->inbound;
    }

  return first;
}

static void
append_base64_lines (GString      *out,
                     const guchar *data,
                     gsize         len)
{
  g_autofree char *b64 = g_base64_encode (data, len);
  gsize total = strlen (b64);

  for (gsize i = 0; i < total; i += 76)
    {
      g_string_append_len (out, b64 + i, MIN (76, total - i));
      g_string_append (out, "\r\n");
    }
}

static void
append_crlf (GString    *out,
             const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        g_string_append (out, "\r\n");
      else
        g_string_append_c (out, *p);
    }
}

/* The message as RFC 5322 text, CRLF line ends */
char *
render (Mailbox *mb,
        Message *m)
{
  static const char *days[] = { "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun" };
  static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  Person *p = &g_array_index (mb->people, Person, m->person);
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (m->date);
  g_autofree char *them = address_header (p->name, p->email);
  g_autofree char *me = address_header (ME_NAME, ME);
  GString *out = g_string_new (NULL);
  g_autofree char *boundary = g_strdup_printf ("=-kith-bench-%u", m->thread);
  Rng r = { (guint64) m->date ^ m->thread };

  g_string_append_printf (out, "Return-Path: <%s>\r\n", m->inbound ? p->email : ME);
  g_string_append_printf (out, "Received: from mx.%s by imap.agency.example; %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
                          strchr (p->email, '@') + 1,
                          days[g_date_time_get_day_of_week (when) - 1], g_date_time_get_day_of_month (when),
                          months[g_date_time_get_month (when) - 1], g_date_time_get_year (when),
                          g_date_time_get_hour (when), g_date_time_get_minute (when), g_date_time_get_second (when));
  g_string_append_printf (out, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
                          days[g_date_time_get_day_of_week (when) - 1], g_date_time_get_day_of_month (when),
                          months[g_date_time_get_month (when) - 1], g_date_time_get_year (when),
                          g_date_time_get_hour (when), g_date_time_get_minute (when), g_date_time_get_second (when));
  g_string_append_printf (out, "From: %s\r\nTo: %s\r\n", m->inbound ? them : me, m->inbound ? me : them);
  if (m->cc == -2)
    g_string_append (out, "Cc: " COWORKER_NAME " <" COWORKER ">\r\n");
  else if (m->cc >= 0)
    {
      Person *c = &g_array_index (mb->people, Person, m->cc);
      g_autofree char *cc = address_header (c->name, c->email);

      g_string_append_printf (out, "Cc: %s\r\n", cc);
    }
  g_string_append_printf (out, "Subject: %s\r\nMessage-ID: %s\r\n", m->subject, m->message_id);
  if (m->in_reply_to != NULL)
    {
      g_auto(GStrv) refs = g_strsplit (m->references, " ", -1);

      g_string_append_printf (out, "In-Reply-To: %s\r\nReferences:", m->in_reply_to);
      for (guint i = 0; refs[i] != NULL; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "\r\n " : " ", refs[i]);
      g_string_append (out, "\r\n");
    }
  g_string_append (out, m->inbound ? "User-Agent: Mozilla Thunderbird\r\n" : "X-Mailer: Evolution 3.46\r\n");
  g_string_append (out, "MIME-Version: 1.0\r\n");

  if (!m->html && m->attachment == 0)
    {
      g_string_append (out, "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
      append_crlf (out, m->body);
      return g_string_free (out, FALSE);
    }

  g_string_append_printf (out, "Content-Type: multipart/%s; boundary=\"%s\"\r\n\r\n",
                          m->attachment > 0 ? "mixed" : "alternative", boundary);
  g_string_append_printf (out, "--%s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
                          boundary);
  append_crlf (out, m->body);
  if (m->html)
    {
      g_autofree char *escaped = g_markup_escape_text (m->body, -1);
      g_autofree char *html = NULL;
      g_auto(GStrv) paragraphs = g_strsplit (escaped, "\n\n", -1);
      g_autofree char *joined = g_strjoinv ("</p>\n<p>", paragraphs);

      html = g_strdup_printf ("<html><head><meta charset=\"utf-8\"></head><body>\n<p>%s</p>\n</body></html>\n", joined);
      g_string_append_printf (out, "--%s\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n",
                              boundary);
      append_crlf (out, html);
    }
  if (m->attachment > 0)
    {
      g_autofree guchar *data = g_malloc (m->attachment);

      for (guint i = 0; i < m->attachment; i++)
        data[i] = (guchar) rnd (&r, 256);
      g_string_append_printf (out, "--%s\r\nContent-Type: application/pdf; name=\"document-%u.pdf\"\r\n"
                                   "Content-Disposition: attachment; filename=\"document-%u.pdf\"\r\n"
                                   "Content-Transfer-Encoding: base64\r\n\r\n", boundary, m->thread, m->thread);
      append_base64_lines (out, data, m->attachment);
    }
  g_string_append_printf (out, "--%s--\r\n", boundary);

  return g_string_free (out, FALSE);
}

/* Writes messages [first, end) into the maildir; returns the bytes written */
gboolean
deliver_range (KithTestDovecot *dovecot,
               Mailbox         *mb,
               guint            first,
               guint            end,
               guint64         *bytes,
               GError         **error)
{
  for (guint i = first; i < end; i++)
    {
      Message *m = g_ptr_array_index (mb->messages, i);
      g_autofree char *text = render (mb, m);

      *bytes += strlen (text);
      if (!kith_test_dovecot_deliver (dovecot, "alice", m->inbound ? "INBOX" : "Sent", text, m->seen ? "S" : "", error))
        return FALSE;
    }

  return TRUE;
}

/* The people a search for SEARCH_WORD should find: everyone outside the organisation on a
 * message whose text has the word */
guint
expected_search_hits (Mailbox *mb)
{
  g_autoptr(GHashTable) hits = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < mb->messages->len; i++)
    {
      Message *m = g_ptr_array_index (mb->messages, i);

      if (strstr (m->body, SEARCH_WORD) == NULL)
        continue;
      g_hash_table_add (hits, GUINT_TO_POINTER (m->person + 1));
      if (m->cc >= 0)
        g_hash_table_add (hits, GUINT_TO_POINTER (m->cc + 1));
    }

  return g_hash_table_size (hits);
}

/* The correspondents as people in Kith, in one transaction */
gboolean
mailbox_store_people (Mailbox    *mb,
                      KithStore  *store,
                      GError    **error)
{
  if (!kith_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < mb->people->len; i++)
    {
      Person *p = &g_array_index (mb->people, Person, i);
      g_autoptr(JsonObject) o = json_object_new ();
      JsonArray *emails = json_array_new ();
      JsonObject *email = json_object_new ();

      json_object_set_string_member (o, "name", p->name);
      json_object_set_string_member (email, "value", p->email);
      json_array_add_object_element (emails, email);
      json_object_set_array_member (o, "emails", emails);
      if (kith_store_create_record (store, KITH_RECORD_PERSON, o, NULL, error) == 0)
        {
          kith_store_rollback (store);
          return FALSE;
        }
    }

  return kith_store_commit (store, error);
}

/* Adds the mailbox's account on the private Dovecot as a user adds it (evolution-data-server,
 * its password in the keyring), with the organisation's domain set in Kith; returns its uid */
char *
mailbox_add_account (KithMailSession  *session,
                     KithStore        *store,
                     guint             port,
                     GError          **error)
{
  g_autoptr(KithMailAccount) draft = g_object_new (KITH_TYPE_MAIL_ACCOUNT,
                                                   "address", ME,
                                                   "name", ME_NAME,
                                                   "user", "alice",
                                                   "imap-host", "127.0.0.1",
                                                   "imap-port", port,
                                                   "smtp-host", "127.0.0.1",
                                                   "smtp-port", 2525,
                                                   "security", KITH_MAIL_SECURITY_NONE,
                                                   NULL);
  const char *domains[] = { "agency.example", NULL };
  g_autofree char *account = kith_mail_account_add_sync (session, draft, PASSWORD, NULL, error);

  if (account == NULL)
    return NULL;
  if (!kith_store_mail_account_set_domains (store, account, domains, error))
    return NULL;

  return g_steal_pointer (&account);
}

/* Dovecot indexes a fresh maildir when a client first opens each folder: done here, before any
 * client is timed, so that none of them pays for it */
gboolean
mailbox_warm_up (guint    port,
                 GError **error)
{
  static const char *commands[] = {
    "a1 LOGIN alice " PASSWORD, "a2 SELECT INBOX", "a3 SELECT Sent", "a4 SELECT Archive", "a5 LOGOUT",
  };
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  GOutputStream *out;
  g_autofree char *greeting = NULL;

  connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, error);
  if (connection == NULL)
    return FALSE;
  in = g_data_input_stream_new (g_io_stream_get_input_stream (G_IO_STREAM (connection)));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_CR_LF);
  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  greeting = g_data_input_stream_read_line (in, NULL, NULL, error);
  if (greeting == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s\r\n", commands[i]);
      g_autofree char *tag = g_strndup (commands[i], strchr (commands[i], ' ') - commands[i]);

      if (!g_output_stream_write_all (out, line, strlen (line), NULL, NULL, error))
        return FALSE;
      while (TRUE)
        {
          g_autofree char *reply = g_data_input_stream_read_line (in, NULL, NULL, error);

          if (reply == NULL)
            return FALSE;
          if (g_str_has_prefix (reply, tag) && reply[strlen (tag)] == ' ')
            {
              if (!g_str_has_prefix (reply + strlen (tag) + 1, "OK"))
                {
                  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "IMAP: %s", reply);
                  return FALSE;
                }
              break;
            }
        }
    }

  return TRUE;
}
