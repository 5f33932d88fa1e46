/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithOccasionsGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-occasions-group.h"
#include "kith-record-values.h"

/*
 * A person's anniversaries: what each is and its date, written as a birthday is (YYYY-MM-DD,
 * or --MM-DD without the year) and shown in words.
 */

struct _KithOccasionsGroup
{
  KithStructuredGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (KithOccasionsGroup, kith_occasions_group, KITH_TYPE_STRUCTURED_GROUP)

enum { LABEL, DATE, N_PARTS };

static const char * const field_titles[] = {
  [LABEL] = N_("Occasion"),
  [DATE] = N_("Date"),
  [N_PARTS] = NULL
};

static const char * const field_helps[] = {
  [LABEL] = N_("Such as Wedding; left empty, an anniversary"),
  [DATE] = N_("A date as YYYY-MM-DD, such as 1815-12-10, or --MM-DD without the year"),
  [N_PARTS] = NULL
};

static char **
dup_texts (gconstpointer item)
{
  const KithRecordOccasion *o = item;
  char **texts = g_new0 (char *, N_PARTS + 1);

  texts[LABEL] = g_strdup (o->label != NULL ? o->label : "");
  texts[DATE] = g_strdup (o->date != NULL ? o->date : "");
  return texts;
}

static gpointer
new_item (const char * const  *texts,
          gconstpointer        old,
          GError             **error)
{
  KithRecordOccasion *o;
  GDate date;

  if (!kith_parse_date (texts[DATE], TRUE, &date))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("“%s” is not a date: write it as YYYY-MM-DD, such as 1815-12-10, or --MM-DD without the year"),
                   texts[DATE]);
      return NULL;
    }

  o = g_new0 (KithRecordOccasion, 1);
  o->label = g_strdup (*texts[LABEL] != '\0' ? texts[LABEL] : _("Anniversary"));
  o->date = g_strdup (texts[DATE]);
  return o;
}

/* The date in words: "18 June 2011", or "18 June" without the year */
static char *
date_in_words (const char *text)
{
  GDate date;
  char buffer[128];
  gboolean has_year = !g_str_has_prefix (text, "--");

  if (!kith_parse_date (text, TRUE, &date) ||
      g_date_strftime (buffer, sizeof buffer, has_year ? _("%-d %B %Y") : _("%-d %B"), &date) == 0)
    return g_strdup (text);
  return g_strdup (buffer);
}

static char *
describe (gconstpointer   item,
          char          **subtitle)
{
  const KithRecordOccasion *o = item;

  *subtitle = date_in_words (o->date != NULL ? o->date : "");
  return g_strdup (o->label != NULL ? o->label : _("Anniversary"));
}

static void
kith_occasions_group_class_init (KithOccasionsGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KithStructuredGroupClass *group_class = KITH_STRUCTURED_GROUP_CLASS (klass);

  group_class->list = KITH_RECORD_ANNIVERSARIES;
  group_class->kinds = 1u << KITH_RECORD_PERSON;
  group_class->field_titles = field_titles;
  group_class->field_helps = field_helps;
  group_class->removed = N_("Anniversary removed");
  group_class->dup_texts = dup_texts;
  group_class->new_item = new_item;
  group_class->describe = describe;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-occasions-group.ui");
}

static void
kith_occasions_group_init (KithOccasionsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
