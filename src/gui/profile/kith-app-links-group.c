/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAppLinksGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-app-links-group.h"
#include "kith-record-values.h"

/*
 * A record's links to the same contact in other apps: the app's id (a lower-case domain, as
 * the store checks it), the contact's id there, the app's name and the page, which opens.
 */

struct _KithAppLinksGroup
{
  KithStructuredGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (KithAppLinksGroup, kith_app_links_group, KITH_TYPE_STRUCTURED_GROUP)

enum { PART_APP_ID, PART_UNIQUE_ID, PART_APP_NAME, PART_URL, N_PARTS };

static const char * const field_titles[] = {
  [PART_APP_ID] = N_("App ID"),
  [PART_UNIQUE_ID] = N_("Unique ID"),
  [PART_APP_NAME] = N_("App Name"),
  [PART_URL] = N_("Web Address"),
  [N_PARTS] = NULL
};

static const char * const field_helps[] = {
  [PART_APP_ID] = N_("The app’s domain in lower case, such as salesforce.com"),
  [PART_UNIQUE_ID] = N_("The contact’s id in that app"),
  [PART_URL] = N_("The contact’s page in the app, opened from here"),
  [N_PARTS] = NULL
};

static char **
dup_texts (gconstpointer item)
{
  const KithRecordAppLink *l = item;
  const char *parts[] = { l->source, l->uniqueid, l->label, l->url };
  char **texts = g_new0 (char *, N_PARTS + 1);

  for (guint i = 0; i < N_PARTS; i++)
    texts[i] = g_strdup (parts[i] != NULL ? parts[i] : "");
  return texts;
}

static gboolean
is_web (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

static gboolean
refuse (GError     **error,
        const char  *format,
        const char  *text)
{
  g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID, format, text);
  return FALSE;
}

/* Refuses what the store would not keep as typed: an id it would not take, or would lower */
static gboolean
check (const char * const  *texts,
       GError             **error)
{
  g_autofree char *app_id = NULL;

  if (*texts[PART_APP_ID] == '\0')
    {
      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                           _("An app link needs its App ID, a domain such as salesforce.com"));
      return FALSE;
    }
  if ((app_id = kith_synckey_app_id (texts[PART_APP_ID], error)) == NULL)
    return FALSE;
  if (g_strcmp0 (app_id, texts[PART_APP_ID]) != 0)
    return refuse (error, _("“%s” has capital letters: an App ID is a domain in lower case, such as salesforce.com"),
                   texts[PART_APP_ID]);
  if (*texts[PART_UNIQUE_ID] == '\0')
    return refuse (error, _("An app link to “%s” needs the contact’s unique ID in that app"), texts[PART_APP_ID]);
  if (*texts[PART_URL] != '\0' && (!is_web (texts[PART_URL]) || !g_uri_is_valid (texts[PART_URL], G_URI_FLAGS_NONE, NULL)))
    return refuse (error, _("“%s” is not a web address, such as https://example.com/contact/42"), texts[PART_URL]);
  return TRUE;
}

static gpointer
new_item (const char * const  *texts,
          gconstpointer        old,
          GError             **error)
{
  KithRecordAppLink *l;

  if (!check (texts, error))
    return NULL;

  l = g_new0 (KithRecordAppLink, 1);
  l->source = g_strdup (texts[PART_APP_ID]);
  l->uniqueid = g_strdup (texts[PART_UNIQUE_ID]);
  l->label = *texts[PART_APP_NAME] != '\0' ? g_strdup (texts[PART_APP_NAME]) : NULL;
  l->url = *texts[PART_URL] != '\0' ? g_strdup (texts[PART_URL]) : NULL;
  return l;
}

static char *
describe (gconstpointer   item,
          char          **subtitle)
{
  const KithRecordAppLink *l = item;

  *subtitle = l->label != NULL ? g_strdup_printf ("%s · %s", l->source, l->uniqueid) : g_strdup (l->uniqueid);
  return g_strdup (l->label != NULL ? l->label : l->source);
}

/* Only a web page opens: another app's own scheme may have nothing to open it */
static char *
dup_uri (gconstpointer item)
{
  const char *url = ((const KithRecordAppLink *) item)->url;

  return is_web (url) ? g_strdup (url) : NULL;
}

static void
kith_app_links_group_class_init (KithAppLinksGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KithStructuredGroupClass *group_class = KITH_STRUCTURED_GROUP_CLASS (klass);

  group_class->list = KITH_RECORD_APP_LINKS;
  group_class->kinds = 1u << KITH_RECORD_PERSON | 1u << KITH_RECORD_COMPANY | 1u << KITH_RECORD_PROJECT;
  group_class->field_titles = field_titles;
  group_class->field_helps = field_helps;
  group_class->removed = N_("App link removed");
  group_class->link_label = N_("Open");
  group_class->dup_texts = dup_texts;
  group_class->new_item = new_item;
  group_class->describe = describe;
  group_class->dup_uri = dup_uri;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-app-links-group.ui");
}

static void
kith_app_links_group_init (KithAppLinksGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
