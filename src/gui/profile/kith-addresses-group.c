/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAddressesGroup"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-address-format.h"
#include "kith-addresses-group.h"

/*
 * A person's or company's postal addresses, or a deal's one address (a property's): each
 * formatted as its country writes it (kith-address-format.c), with its label and a link to it on
 * a map, edited part by part.
 */

struct _KithAddressesGroup
{
  KithStructuredGroup parent_instance;
};

G_DEFINE_FINAL_TYPE (KithAddressesGroup, kith_addresses_group, KITH_TYPE_STRUCTURED_GROUP)

enum { STREET, CITY, REGION, POSTAL, COUNTRY, LABEL, N_PARTS };

static const char * const field_titles[] = {
  [STREET] = N_("Street"),
  [CITY] = N_("City"),
  [REGION] = N_("Region"),
  [POSTAL] = N_("Postal Code"),
  [COUNTRY] = N_("Country"),
  [LABEL] = N_("Label"),
  [N_PARTS] = NULL
};

static const char * const field_helps[] = {
  [LABEL] = N_("Work, home or other"),
  [N_PARTS] = NULL
};

static char **
dup_texts (gconstpointer item)
{
  const KithRecordAddress *a = item;
  const char *parts[] = { a->street, a->city, a->state, a->postal, a->country, a->label };
  char **texts = g_new0 (char *, N_PARTS + 1);

  for (guint i = 0; i < N_PARTS; i++)
    texts[i] = g_strdup (parts[i] != NULL ? parts[i] : "");
  return texts;
}

static char *
part (const char * const *texts,
      guint               i)
{
  return *texts[i] != '\0' ? g_strdup (texts[i]) : NULL;
}

/* The label as stored: one of the three, in lower case */
static gboolean
label_of (const char  *text,
          char       **out,
          GError     **error)
{
  static const char * const labels[] = { "work", "home", "other", NULL };
  g_autofree char *lower = g_utf8_strdown (text, -1);

  *out = NULL;
  if (*text == '\0')
    return TRUE;
  if (!g_strv_contains (labels, lower))
    {
      g_set_error (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                   _("“%s” is not a label of an address: write work, home or other"), text);
      return FALSE;
    }
  *out = g_steal_pointer (&lower);
  return TRUE;
}

static gboolean
same_place (const KithRecordAddress *a,
            const KithRecordAddress *b)
{
  return g_strcmp0 (a->street, b->street) == 0 && g_strcmp0 (a->city, b->city) == 0 &&
         g_strcmp0 (a->state, b->state) == 0 && g_strcmp0 (a->postal, b->postal) == 0 &&
         g_strcmp0 (a->country, b->country) == 0;
}

static gpointer
new_item (const char * const  *texts,
          gconstpointer        old,
          GError             **error)
{
  const KithRecordAddress *before = old;
  KithRecordAddress *a;
  g_autofree char *label = NULL;

  if (!label_of (texts[LABEL], &label, error))
    return NULL;

  a = g_new0 (KithRecordAddress, 1);
  a->street = part (texts, STREET);
  a->city = part (texts, CITY);
  a->state = part (texts, REGION);
  a->postal = part (texts, POSTAL);
  a->country = part (texts, COUNTRY);
  a->label = g_steal_pointer (&label);
  /* The position stays while the address is the same place */
  if (before != NULL && same_place (a, before))
    {
      a->has_position = before->has_position;
      a->lat = before->lat;
      a->lng = before->lng;
    }
  if (a->street == NULL && a->city == NULL && a->state == NULL && a->postal == NULL && a->country == NULL)
    {
      g_set_error_literal (error, KITH_STORE_ERROR, KITH_STORE_ERROR_INVALID,
                           _("An address needs a street, city, region, postal code or country"));
      g_free (a->label);
      g_free (a);
      return NULL;
    }
  return a;
}

static const char *
label_text (const char *label)
{
  if (g_strcmp0 (label, "work") == 0)
    return _("Work");
  if (g_strcmp0 (label, "home") == 0)
    return _("Home");
  if (g_strcmp0 (label, "other") == 0)
    return _("Other");
  return label;
}

static char *
describe (gconstpointer   item,
          char          **subtitle)
{
  const KithRecordAddress *a = item;

  *subtitle = g_strdup (label_text (a->label));
  return kith_address_format_for_locale (a);
}

static char *
dup_uri (gconstpointer item)
{
  return kith_address_dup_map_uri (item);
}

/* A deal has one address */
static guint
max_items (KithRecord *record)
{
  return KITH_IS_DEAL (record) ? 1 : G_MAXUINT;
}

static void
on_record_changed_cb (KithAddressesGroup *self)
{
  KithRecord *record = kith_structured_group_get_record (KITH_STRUCTURED_GROUP (self));

  g_object_set (self, "title", record != NULL && KITH_IS_DEAL (record) ? _("Address") : _("Addresses"), NULL);
}

static void
kith_addresses_group_class_init (KithAddressesGroupClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KithStructuredGroupClass *group_class = KITH_STRUCTURED_GROUP_CLASS (klass);

  group_class->list = KITH_RECORD_ADDRESSES;
  group_class->kinds = 1u << KITH_RECORD_PERSON | 1u << KITH_RECORD_COMPANY | 1u << KITH_RECORD_PROJECT;
  group_class->field_titles = field_titles;
  group_class->field_helps = field_helps;
  group_class->removed = N_("Address removed");
  group_class->link_label = N_("Show on Map");
  group_class->dup_texts = dup_texts;
  group_class->new_item = new_item;
  group_class->describe = describe;
  group_class->dup_uri = dup_uri;
  group_class->max_items = max_items;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/profile/kith-addresses-group.ui");
}

static void
kith_addresses_group_init (KithAddressesGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::record", G_CALLBACK (on_record_changed_cb), NULL);
}
