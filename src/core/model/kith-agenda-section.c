/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithAgendaSection"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kith-agenda-section.h"
#include "kith-enums.h"
#include "kith-list-sync.h"

/*
 * One section of the Agenda ("Overdue", "Stay in Touch"…): a list model of KithAgendaEntry.
 * Computing the Agenda again updates it in place (kith_agenda_section_update()), so a list
 * showing it changes the rows that changed and keeps the others, with their state.
 */

struct _KithAgendaSection
{
  GObject                parent_instance;

  KithAgendaSectionKind  kind;
  GListStore            *entries;
};

static void kith_agenda_section_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithAgendaSection, kith_agenda_section, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kith_agenda_section_list_model_init))

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *titles[KITH_AGENDA_N_SECTIONS] = {
  [KITH_AGENDA_SECTION_OVERDUE] = N_("Overdue"),
  [KITH_AGENDA_SECTION_TODAY] = N_("Today"),
  [KITH_AGENDA_SECTION_MEETINGS] = N_("Meetings Today"),
  [KITH_AGENDA_SECTION_REMINDERS] = N_("Next Steps"),
  [KITH_AGENDA_SECTION_NEEDS_REPLY] = N_("Waiting for a Reply"),
  [KITH_AGENDA_SECTION_STAY_IN_TOUCH] = N_("Stay in Touch"),
  [KITH_AGENDA_SECTION_OCCASIONS] = N_("Birthdays and Anniversaries"),
  [KITH_AGENDA_SECTION_UPCOMING] = N_("Upcoming"),
  [KITH_AGENDA_SECTION_SOMEDAY] = N_("Someday"),
};

static GType
kith_agenda_section_get_item_type (GListModel *model)
{
  return KITH_TYPE_AGENDA_ENTRY;
}

static guint
kith_agenda_section_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (G_LIST_MODEL (KITH_AGENDA_SECTION (model)->entries));
}

static gpointer
kith_agenda_section_get_item (GListModel *model,
                              guint       position)
{
  return g_list_model_get_item (G_LIST_MODEL (KITH_AGENDA_SECTION (model)->entries), position);
}

static void
kith_agenda_section_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kith_agenda_section_get_item_type;
  iface->get_n_items = kith_agenda_section_get_n_items;
  iface->get_item = kith_agenda_section_get_item;
}

static void
kith_agenda_section_finalize (GObject *object)
{
  KithAgendaSection *self = (KithAgendaSection *)object;

  g_clear_object (&self->entries);

  G_OBJECT_CLASS (kith_agenda_section_parent_class)->finalize (object);
}

static void
kith_agenda_section_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KithAgendaSection *self = KITH_AGENDA_SECTION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;

    case PROP_TITLE:
      g_value_set_string (value, kith_agenda_section_get_title (self));
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, g_list_model_get_n_items (G_LIST_MODEL (self->entries)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_section_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KithAgendaSection *self = KITH_AGENDA_SECTION (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_agenda_section_class_init (KithAgendaSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_agenda_section_finalize;
  object_class->get_property = kith_agenda_section_get_property;
  object_class->set_property = kith_agenda_section_set_property;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, KITH_TYPE_AGENDA_SECTION_KIND, KITH_AGENDA_SECTION_OVERDUE,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
on_entries_changed_cb (KithAgendaSection *self,
                       guint              position,
                       guint              removed,
                       guint              added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
kith_agenda_section_init (KithAgendaSection *self)
{
  self->entries = g_list_store_new (KITH_TYPE_AGENDA_ENTRY);
  g_signal_connect_swapped (self->entries, "items-changed", G_CALLBACK (on_entries_changed_cb), self);
}

KithAgendaSection *
kith_agenda_section_new (KithAgendaSectionKind kind)
{
  return g_object_new (KITH_TYPE_AGENDA_SECTION, "kind", kind, NULL);
}

KithAgendaSectionKind
kith_agenda_section_get_kind (KithAgendaSection *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_SECTION (self), KITH_AGENDA_SECTION_OVERDUE);

  return self->kind;
}

/**
 * kith_agenda_section_get_title:
 *
 * Returns: the section's heading, translated
 */
const char *
kith_agenda_section_get_title (KithAgendaSection *self)
{
  g_return_val_if_fail (KITH_IS_AGENDA_SECTION (self), NULL);

  return g_dgettext (GETTEXT_PACKAGE, titles[self->kind]);
}

/**
 * kith_agenda_section_append:
 * @entries: (array length=n_entries) (transfer none): entries
 *
 * Adds @entries at the end, with one change of the list: for building a section that is not
 * shown yet.
 */
void
kith_agenda_section_append (KithAgendaSection  *self,
                            KithAgendaEntry   **entries,
                            guint               n_entries)
{
  g_return_if_fail (KITH_IS_AGENDA_SECTION (self));

  if (n_entries == 0)
    return;

  g_list_store_splice (self->entries, g_list_model_get_n_items (G_LIST_MODEL (self->entries)), 0,
                       (gpointer *) entries, n_entries);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * kith_agenda_section_find:
 *
 * Returns: (transfer none) (nullable): the entry of @kind about @id
 */
KithAgendaEntry *
kith_agenda_section_find (KithAgendaSection   *self,
                          KithAgendaEntryKind  kind,
                          gint64               id)
{
  g_return_val_if_fail (KITH_IS_AGENDA_SECTION (self), NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->entries)); i++)
    {
      g_autoptr(KithAgendaEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->entries), i);

      /* The list keeps it */
      if (kith_agenda_entry_get_kind (entry) == kind && kith_agenda_entry_get_id (entry) == id)
        return entry;
    }

  return NULL;
}

static gboolean
same_entry (gpointer entry,
            gpointer other)
{
  return kith_agenda_entry_is_same (entry, other);
}

static void
update_entry (gpointer entry,
              gpointer from)
{
  kith_agenda_entry_update (entry, from);
}

/**
 * kith_agenda_section_update:
 * @from: the same section, computed again
 *
 * Makes @self list what @from lists, with the fewest changes: an entry that is in both stays
 * (updated in place), one that went is removed, one that came is inserted, one that moved is
 * moved. Marking one to-do done removes one row from a list showing @self, and nothing else.
 */
void
kith_agenda_section_update (KithAgendaSection *self,
                            KithAgendaSection *from)
{
  guint n_before;

  g_return_if_fail (KITH_IS_AGENDA_SECTION (self));
  g_return_if_fail (KITH_IS_AGENDA_SECTION (from));

  n_before = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  kith_list_store_sync_model (self->entries, G_LIST_MODEL (from->entries), same_entry, update_entry);

  if (n_before != g_list_model_get_n_items (G_LIST_MODEL (self->entries)))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}
