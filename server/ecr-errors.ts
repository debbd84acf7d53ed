// ECR's error shape: an exception name (`__type`), a message, and the HTTP status it travels with.
// Thrown by the operations and turned into a JSON 1.1 error response in one place.

export class EcrError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
    this.name = code
  }
}

export function repositoryNotFound(repositoryName: string, registryId: string): EcrError {
  return new EcrError(
    'RepositoryNotFoundException',
    `The repository with name '${repositoryName}' does not exist in the registry with id '${registryId}'`
  )
}

/** ECR's wording for a request field that breaks a constraint of the API model. */
export function invalidParameter(field: string, constraint: string): EcrError {
  return new EcrError(
    'InvalidParameterException',
    `Invalid parameter at '${field}' failed to satisfy constraint: '${constraint}'`
  )
}
