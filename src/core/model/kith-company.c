/* SPDX-License-Identifier: GPL-3.0-or-later */

#include "config.h"

#include "kith-company.h"
#include "kith-record-private.h"

/* A company: a record with a description and the domains its people write from */

struct _KithCompany
{
  KithRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (KithCompany, kith_company, KITH_TYPE_RECORD)

enum {
  PROP_0,
  PROP_DESCRIPTION,
  PROP_DOMAINS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const KithRecordProperty record_properties[] = {
  { "description", KITH_FIELD_DESCRIPTION, FALSE },
  { "domains", KITH_FIELD_DOMAINS, FALSE },
};

static void
kith_company_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  kith_record_get_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_company_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  kith_record_set_field_property (KITH_RECORD (object), pspec, value);
}

static void
kith_company_class_init (KithCompanyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kith_company_get_property;
  object_class->set_property = kith_company_set_property;

  kith_record_install_properties (object_class, PROP_DESCRIPTION, record_properties, G_N_ELEMENTS (record_properties),
                                  properties);
}

static void
kith_company_init (KithCompany *self)
{
}

const char *
kith_company_get_description (KithCompany *self)
{
  g_return_val_if_fail (KITH_IS_COMPANY (self), NULL);

  return kith_record_get_text (KITH_RECORD (self), KITH_FIELD_DESCRIPTION);
}

void
kith_company_set_description (KithCompany *self,
                              const char  *description)
{
  g_return_if_fail (KITH_IS_COMPANY (self));

  g_object_set (self, "description", description, NULL);
}

/**
 * kith_company_dup_domains:
 *
 * Returns: (transfer full): the company's domains
 */
char **
kith_company_dup_domains (KithCompany *self)
{
  char **domains = NULL;

  g_return_val_if_fail (KITH_IS_COMPANY (self), NULL);

  g_object_get (self, "domains", &domains, NULL);
  return domains;
}

void
kith_company_set_domains (KithCompany        *self,
                          const char * const *domains)
{
  g_return_if_fail (KITH_IS_COMPANY (self));

  g_object_set (self, "domains", domains, NULL);
}
