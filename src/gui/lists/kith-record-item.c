/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRecordItem"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-enums.h"
#include "kith-money.h"
#include "kith-record-item.h"

/* One row of a people, companies or deals list: what the row shows, nothing more. The list
 * model hands one out at once, with only its id, and fills it in when its page arrives from the
 * store's worker; rows follow its notify signals. */

struct _KithRecordItem
{
  GObject         parent_instance;

  gint64          id;
  KithRecordKind  kind;
  char           *name;
  char           *picture;
  gboolean        private;
  char           *subtitle;
  char           *stage_label;
  char           *last_contact_label;
  char           *group_header;
  char           *group;          /* the group the row belongs to, for the header of the next row */
  gboolean        loaded;
};

G_DEFINE_FINAL_TYPE (KithRecordItem, kith_record_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_KIND,
  PROP_NAME,
  PROP_PICTURE,
  PROP_PRIVATE,
  PROP_SUBTITLE,
  PROP_STAGE_LABEL,
  PROP_LAST_CONTACT_LABEL,
  PROP_GROUP_HEADER,
  PROP_HAS_GROUP_HEADER,
  PROP_LOADED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * kith_format_last_contact:
 *
 * @kind: whose last contact: a deal has had activity, where a person was in touch
 *
 * Returns: (transfer full): "today", "3 days ago", "2 months ago", or "never" ("No activity"
 *   for a deal)
 */
char *
kith_format_last_contact (KithRecordKind kind,
                          gint64         ms,
                          gint64         now_ms)
{
  gint64 days;

  if (ms <= 0 && kind == KITH_RECORD_PROJECT)
    return g_strdup (_("No activity"));
  if (ms <= 0)
    return g_strdup (_("never"));

  days = (now_ms - ms) / (24 * 3600 * 1000);
  if (days <= 0)
    return g_strdup (_("today"));
  if (days == 1)
    return g_strdup (_("yesterday"));
  if (days < 31)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", (gulong) days), (int) days);
  if (days < 365)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month ago", "%d months ago", (gulong) (days / 30)),
                            (int) (days / 30));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year ago", "%d years ago", (gulong) (days / 365)),
                          (int) (days / 365));
}

static void
kith_record_item_finalize (GObject *object)
{
  KithRecordItem *self = (KithRecordItem *)object;

  g_free (self->name);
  g_free (self->picture);
  g_free (self->subtitle);
  g_free (self->stage_label);
  g_free (self->last_contact_label);
  g_free (self->group_header);
  g_free (self->group);

  G_OBJECT_CLASS (kith_record_item_parent_class)->finalize (object);
}

static void
kith_record_item_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithRecordItem *self = KITH_RECORD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PRIVATE:
      g_value_set_boolean (value, self->private);
      break;
    case PROP_PICTURE:
      g_value_set_string (value, self->picture);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_STAGE_LABEL:
      g_value_set_string (value, self->stage_label);
      break;
    case PROP_LAST_CONTACT_LABEL:
      g_value_set_string (value, self->last_contact_label);
      break;
    case PROP_GROUP_HEADER:
      g_value_set_string (value, self->group_header);
      break;
    case PROP_HAS_GROUP_HEADER:
      g_value_set_boolean (value, self->group_header != NULL);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_record_item_class_init (KithRecordItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_record_item_finalize;
  object_class->get_property = kith_record_item_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Known once the row is loaded */
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_RECORD_KIND, KITH_RECORD_PERSON,
                                             G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* A path or URI, or %NULL */
  properties[PROP_PICTURE] = g_param_spec_string ("picture", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PRIVATE] = g_param_spec_boolean ("private", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE_LABEL] = g_param_spec_string ("stage-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_CONTACT_LABEL] = g_param_spec_string ("last-contact-label", NULL, NULL, NULL,
                                                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_GROUP_HEADER] = g_param_spec_string ("group-header", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_GROUP_HEADER] = g_param_spec_boolean ("has-group-header", NULL, NULL, FALSE,
                                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                                                  G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_record_item_init (KithRecordItem *self)
{
}

/**
 * kith_record_item_new:
 * @id: the record
 *
 * Returns: (transfer full): an item that shows nothing until kith_record_item_set_row()
 */
KithRecordItem *
kith_record_item_new (gint64 id)
{
  KithRecordItem *self = g_object_new (KITH_TYPE_RECORD_ITEM, NULL);

  self->id = id;
  return self;
}

static void
set_string (KithRecordItem *self,
            char          **field,
            char           *value,
            guint           prop)
{
  if (g_strcmp0 (*field, value) == 0)
    {
      g_free (value);
      return;
    }

  g_free (*field);
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Under the name: a person's headline and company; a deal's value in its currency, then its
 * summary ("$500,000 · Corner lot") */
static char *
subtitle_of (KithRecordRow *row)
{
  g_autofree char *value = NULL;

  if (row == NULL)
    return g_strdup ("");
  if (row->headline != NULL && row->company != NULL && row->kind == KITH_RECORD_PERSON)
    return g_strdup_printf ("%s, %s", row->headline, row->company);
  if (row->kind != KITH_RECORD_PROJECT || !row->has_value)
    return g_strdup (row->headline != NULL ? row->headline : row->company != NULL ? row->company : "");

  value = kith_money_format (row->value, row->currency);
  if (row->headline == NULL || *row->headline == '\0')
    return g_steal_pointer (&value);
  /* TRANSLATORS: a deal's value and its summary, in a list row */
  return g_strdup_printf (_("%s · %s"), value, row->headline);
}

/**
 * kith_record_item_set_row:
 * @row: (nullable): what the store has for the row; %NULL when the record is gone
 * @stage_label: (nullable): the stage's name as the user's preset calls it
 * @group: (nullable): the group the row is in, when the list is grouped
 * @group_header: (nullable): the group heading to show above this row, when it starts a group
 *
 * Fills the item in, notifying what changed.
 */
void
kith_record_item_set_row (KithRecordItem *self,
                          KithRecordRow  *row,
                          const char     *stage_label,
                          const char     *group,
                          const char     *group_header)
{
  gboolean had_header = self->group_header != NULL;
  char *subtitle;

  g_return_if_fail (KITH_IS_RECORD_ITEM (self));

  g_object_freeze_notify (G_OBJECT (self));

  subtitle = subtitle_of (row);

  if (row != NULL && row->kind != self->kind)
    {
      self->kind = row->kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
  set_string (self, &self->name, g_strdup (row != NULL ? row->name : ""), PROP_NAME);
  set_string (self, &self->picture, g_strdup (row != NULL ? row->picture : NULL), PROP_PICTURE);
  if (self->private != (row != NULL && row->private))
    {
      self->private = row != NULL && row->private;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PRIVATE]);
    }
  set_string (self, &self->subtitle, subtitle, PROP_SUBTITLE);
  set_string (self, &self->stage_label, g_strdup (stage_label != NULL ? stage_label : ""), PROP_STAGE_LABEL);
  set_string (self, &self->last_contact_label,
              row != NULL ? kith_format_last_contact (row->kind, row->last_contact, g_get_real_time () / 1000) : g_strdup (""),
              PROP_LAST_CONTACT_LABEL);
  set_string (self, &self->group_header, g_strdup (group_header), PROP_GROUP_HEADER);
  if (had_header != (self->group_header != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_GROUP_HEADER]);
  g_free (self->group);
  self->group = g_strdup (group);
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
kith_record_item_get_private (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), FALSE);

  return self->private;
}

gboolean
kith_record_item_get_loaded (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), FALSE);

  return self->loaded;
}

const char *
kith_record_item_get_group (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), NULL);

  return self->group;
}

gint64
kith_record_item_get_id (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), 0);

  return self->id;
}

KithRecordKind
kith_record_item_get_kind (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), KITH_RECORD_PERSON);

  return self->kind;
}

const char *
kith_record_item_get_name (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), NULL);

  return self->name;
}

const char *
kith_record_item_get_picture (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), NULL);

  return self->picture;
}

const char *
kith_record_item_get_subtitle (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), NULL);

  return self->subtitle;
}

const char *
kith_record_item_get_group_header (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), NULL);

  return self->group_header;
}

const char *
kith_record_item_get_stage_label (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), NULL);

  return self->stage_label;
}

const char *
kith_record_item_get_last_contact_label (KithRecordItem *self)
{
  g_return_val_if_fail (KITH_IS_RECORD_ITEM (self), NULL);

  return self->last_contact_label;
}
